import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@app/domain';

/** The signed-in user, as the access token says (its units re-read from the users table on every request). */
export interface AuthUser {
  username: string;
  role: Role;
  countyCode: string | null;
  units: string[];
}

export const PUBLIC_KEY = 'perfledger:public';
export const ROLES_KEY = 'perfledger:roles';

/** No sign-in needed (login, refresh, health, metrics). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles that may call this endpoint (every endpoint not @Public names its roles: the matrix test checks). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const ALL_ROLES: Role[] = ['bureau_admin', 'bureau_reviewer', 'unit_filer', 'auditor'];
export const READERS = ALL_ROLES;

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
