import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { UserService } from '@app/application';

/**
 * HTTP Basic sign-in for the browser pages that cannot send a Bearer token (Bull Board at /admin/queues):
 * a bureau admin's username and password. A successful check is remembered for a minute per credentials
 * (argon2 is slow on purpose); failures count towards the account's lock like any login.
 */
export function adminBasicAuth(users: UserService) {
  const recent = new Map<string, number>();
  const challenge = (res: Response, status = 401) =>
    res.status(status).setHeader('WWW-Authenticate', 'Basic realm="PerfLedger admin", charset="UTF-8"').type('application/problem+json').send(
      JSON.stringify({ type: 'about:blank', title: status === 401 ? '未登录' : '无权访问', status, detail: '请以财政局管理员身份登录', code: status === 401 ? 'auth-required' : 'role-forbidden' }),
    );
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const encoded = /^Basic\s+(\S+)$/iu.exec(header)?.[1];
    if (!encoded) return challenge(res);
    const key = createHash('sha256').update(encoded).digest('hex');
    if ((recent.get(key) ?? 0) > Date.now()) return next();
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    try {
      const user = await users.verifyLogin(decoded.slice(0, colon), decoded.slice(colon + 1));
      if (user.role !== 'bureau_admin') return challenge(res, 403);
      recent.set(key, Date.now() + 60_000);
      return next();
    } catch {
      return challenge(res);
    }
  };
}
