/**
 * Users as streams (`user-<username>`): who may do what is itself on the record. The password hash is not
 * an event — a secret does not belong in a log that can never be erased; `UserPasswordSet` records that it
 * changed, and the hash lives in the credentials table.
 */
export const ROLES = ['bureau_admin', 'bureau_reviewer', 'unit_filer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_ZH: Record<Role, string> = { bureau_admin: '财政局管理员', bureau_reviewer: '财政局审核人', unit_filer: '单位填报人', auditor: '审计人员' };

export type UserEvent =
  | { type: 'UserAdded'; data: { username: string; displayName: string; role: Role; countyCode: string | null; units: string[] } }
  | { type: 'UserUnitsAssigned'; data: { units: string[] } }
  | { type: 'UserDisabled'; data: Record<string, never> }
  | { type: 'UserPasswordSet'; data: Record<string, never> };

export type UserCommand =
  | { type: 'AddUser'; username: string; displayName?: string; role: string; countyCode?: string | null; units?: string[] }
  | { type: 'AssignUnits'; units: string[] }
  | { type: 'DisableUser' }
  | { type: 'SetPassword' };

export interface UserState {
  exists: boolean;
  username: string;
  displayName: string;
  role: Role;
  countyCode: string | null;
  /** unit codes in `countyCode` (unit filers only) */
  units: string[];
  disabled: boolean;
}

export class UserError extends Error {
  constructor(
    readonly kind: 'InvalidInput' | 'NotFound' | 'Conflict',
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const userStreamId = (username: string) => `user-${username}`;
export const initialUserState = (): UserState => ({ exists: false, username: '', displayName: '', role: 'auditor', countyCode: null, units: [], disabled: false });

const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,31}$/u;

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserAdded':
      return { exists: true, disabled: false, ...event.data };
    case 'UserUnitsAssigned':
      return { ...state, units: [...event.data.units] };
    case 'UserDisabled':
      return { ...state, disabled: true };
    case 'UserPasswordSet':
      return state;
  }
}

export function decideUser(command: UserCommand, state: UserState): UserEvent[] {
  if (command.type === 'AddUser') {
    if (state.exists) throw new UserError('Conflict', 'user-exists', `用户 ${command.username} 已存在`, 'username');
    if (!USERNAME.test(command.username)) {
      throw new UserError('InvalidInput', 'invalid-username', `用户名应为 2–32 位小写字母、数字、点、下划线或连字符，且以字母或数字开头，实为“${command.username}”`, 'username');
    }
    if (!(ROLES as readonly string[]).includes(command.role)) throw new UserError('InvalidInput', 'invalid-role', `角色应为 ${ROLES.join('、')} 之一，实为“${command.role}”`, 'role');
    const role = command.role as Role;
    const units = [...new Set(command.units ?? [])];
    if (role === 'unit_filer' && (units.length === 0 || !command.countyCode)) {
      throw new UserError('InvalidInput', 'units-required', '单位填报人须指定所属行政区划及至少一个单位（--county、--unit）', 'units');
    }
    if (role !== 'unit_filer' && units.length > 0) throw new UserError('InvalidInput', 'units-not-allowed', `只有单位填报人可指定单位；${ROLE_ZH[role]}可见全部单位`, 'units');
    return [{ type: 'UserAdded', data: { username: command.username, displayName: command.displayName?.trim() || command.username, role, countyCode: command.countyCode ?? null, units } }];
  }
  if (!state.exists) throw new UserError('NotFound', 'user-not-found', '用户不存在', 'username');
  switch (command.type) {
    case 'AssignUnits': {
      if (state.role !== 'unit_filer') throw new UserError('InvalidInput', 'units-not-allowed', '只有单位填报人可指定单位', 'units');
      const units = [...new Set(command.units)];
      if (units.length === 0) throw new UserError('InvalidInput', 'units-required', '单位填报人须至少有一个单位', 'units');
      return sameSet(units, state.units) ? [] : [{ type: 'UserUnitsAssigned', data: { units } }];
    }
    case 'DisableUser':
      return state.disabled ? [] : [{ type: 'UserDisabled', data: {} }];
    case 'SetPassword':
      return [{ type: 'UserPasswordSet', data: {} }];
  }
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Password rule for every user: at least 10 characters, not all of one kind. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少 10 个字符';
  if (password.length > 200) return '密码至多 200 个字符';
  const kinds = [/[a-z]/u, /[A-Z]/u, /\d/u, /[^A-Za-z\d]/u].filter((re) => re.test(password)).length;
  return kinds < 2 ? '密码须包含字母、数字、符号中的至少两类' : null;
}
