import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { CommandContext } from '@app/application';
import { AppError } from '@app/shared';
import type { AuthUser } from './auth.decorators';

/**
 * Unit scoping: bureau roles and auditors see every unit; a unit filer only the units assigned to them.
 * What a user may not see does not exist for them: 404, the same answer as for a unit that does not
 * exist, so a filer cannot learn which units or filings exist elsewhere.
 */
export function canSeeUnit(user: AuthUser, countyCode: string, unitCode: string): boolean {
  if (user.role !== 'unit_filer') return true;
  return user.countyCode === countyCode && user.units.includes(unitCode);
}

export function assertUnitVisible(user: AuthUser, countyCode: string, unitCode: string): void {
  if (!canSeeUnit(user, countyCode, unitCode)) {
    throw new AppError('NotFound', 'unit-not-found', `行政区划 ${countyCode} 中没有单位 ${unitCode}`, { field: 'unit' });
  }
}

/** A filer sees only their own county; other roles every county. */
export function assertCountyVisible(user: AuthUser, countyCode: string): void {
  if (user.role === 'unit_filer' && user.countyCode !== countyCode) {
    throw new AppError('NotFound', 'county-not-found', `行政区划 ${countyCode} 不存在`, { field: 'county' });
  }
}

/** The request's user, role and correlation id as the events' metadata: who, how (`api`), and why. */
export function contextOf(user: AuthUser, request: Request, reason?: string | null): CommandContext {
  return {
    actor: { userId: user.username, role: user.role, unitId: user.role === 'unit_filer' ? user.units.join(',') : null },
    reason: reason ?? null,
    source: 'api',
    correlationId: typeof request.id === 'string' ? request.id : undefined,
  };
}

/** `If-Match: "12"` (or `12`, or `W/"12"`) → 12; absent → undefined; anything else → 400. */
export function ifMatchVersion(request: Request): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/u.exec(String(header).trim());
  if (!m) throw new AppError('InvalidInput', 'invalid-if-match', 'If-Match 应为填报视图返回的 ETag（如 "12"）', { field: 'If-Match' });
  return Number(m[1]);
}

export const etagOf = (version: number) => `"${version}"`;

/** The `Idempotency-Key` header (null: none) and a hash of what the request asks, to refuse a key reused for another request. */
export function idempotencyOf(request: Request): { key: string | null; requestHash: string } {
  const header = request.headers['idempotency-key'];
  const key = header === undefined ? null : String(header).trim();
  const requestHash = createHash('sha256').update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
  return { key, requestHash };
}
