import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { Pool } from 'pg';
import type { Role } from '@app/domain';
import { PG_POOL } from '@app/event-store';
import { findUserRow } from '@app/projections';
import { AppError } from '@app/shared';
import { AuthUser, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

/**
 * Every request: a valid access token (Bearer) whose user still exists and is not disabled, and a role the
 * endpoint allows. The role and units are read from the users table, so a change takes effect at once.
 * An endpoint that names no roles is refused to everyone: forgetting @Roles fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/iu.exec(header)?.[1];
    if (!token) throw new AppError('Unauthorized', 'auth-required', '请先登录（Authorization: Bearer <accessToken>）');
    let subject: string;
    try {
      subject = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      throw new AppError('Unauthorized', 'token-invalid', '登录已过期或无效，请重新登录');
    }
    const user = await findUserRow(this.pool, subject);
    if (!user || user.disabled) throw new AppError('Unauthorized', 'token-invalid', '登录已过期或无效，请重新登录');
    request.user = { username: user.username, role: user.role, countyCode: user.countyCode, units: user.units };
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(user.role)) throw new AppError('Forbidden', 'role-forbidden', `当前角色无权执行此操作`, { details: { role: user.role } });
    return true;
  }
}
