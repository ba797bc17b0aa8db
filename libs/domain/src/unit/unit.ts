import { assertNever as assertNeverUnit } from '../filing/filing.events';
import type { UnitKind } from '../filing/filing.types';
import { UNIT_KINDS, isOneOf } from '../filing/filing.types';

/**
 * Counties (行政区划) and units (预算部门/单位) as streams: `county-<code>`, `unit-<county>-<code>`.
 * A deployment may hold several counties; a unit's code is unique in its county, and so is its name
 * (the importer finds a unit by name).
 */
export type CountyEvent = { type: 'CountyRegistered'; data: { code: string; name: string } } | { type: 'CountyRenamed'; data: { from: string; to: string } };

export type UnitEvent =
  | { type: 'UnitRegistered'; data: { countyCode: string; code: string; name: string; supervisingDepartment: string | null; kind: UnitKind } }
  | { type: 'UnitRenamed'; data: { from: string; to: string } }
  | { type: 'UnitSupervisingDepartmentChanged'; data: { from: string | null; to: string | null } }
  | { type: 'UnitKindChanged'; data: { from: UnitKind; to: UnitKind } };

export type CountyCommand = { type: 'RegisterCounty'; code: string; name: string } | { type: 'RenameCounty'; name: string };
export type UnitCommand =
  | { type: 'RegisterUnit'; countyCode: string; code: string; name: string; supervisingDepartment?: string | null; kind: string }
  | { type: 'UpdateUnit'; name?: string; supervisingDepartment?: string | null; kind?: string };

export interface CountyState {
  registered: boolean;
  code: string;
  name: string;
}
export interface UnitState {
  registered: boolean;
  countyCode: string;
  code: string;
  name: string;
  supervisingDepartment: string | null;
  kind: UnitKind;
}

export class UnitError extends Error {
  constructor(
    readonly kind: 'InvalidInput' | 'NotFound' | 'Conflict',
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UnitError';
  }
}

/** 行政区划代码: six digits (county level), or nine / twelve for townships and villages. */
export const COUNTY_CODE = /^\d{6}(?:\d{3}){0,2}$/u;
/** A unit code: letters, digits, `-` and `_`, 1 to 40 characters (it is part of a stream id). */
export const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/u;

export const countyStreamId = (code: string) => `county-${code}`;
export const unitStreamId = (countyCode: string, code: string) => `unit-${countyCode}-${code}`;
export const filingStreamId = (countyCode: string, unitCode: string, year: number) => `filing-${countyCode}-${unitCode}-${year}`;

export const UNIT_KIND_WORDS: Record<string, UnitKind> = {
  administrative: 'administrative',
  institution: 'institution',
  行政: 'administrative',
  行政单位: 'administrative',
  事业: 'institution',
  事业单位: 'institution',
};

function text(field: string, value: string | undefined | null, zh: string, max = 200): string {
  const trimmed = (value ?? '').replace(/\s+/gu, ' ').trim();
  if (!trimmed) throw new UnitError('InvalidInput', 'invalid-field', `${zh}不能为空`, `${field} is empty`, field);
  if (trimmed.length > max) throw new UnitError('InvalidInput', 'invalid-field', `${zh}不能超过 ${max} 个字符`, `${field} exceeds ${max} characters`, field);
  return trimmed;
}

/** An optional text: absent, empty or blank is null (the field is optional, so blank is not an error). */
function optionalText(field: string, value: string | undefined | null, zh: string): string | null {
  return value?.trim() ? text(field, value, zh) : null;
}

function kindOf(value: string | undefined | null): UnitKind {
  const word = (value ?? '').trim();
  const kind = Object.hasOwn(UNIT_KIND_WORDS, word) ? UNIT_KIND_WORDS[word] : undefined;
  if (!kind || !isOneOf(UNIT_KINDS, kind)) {
    throw new UnitError('InvalidInput', 'invalid-field', `单位类型应为“行政”或“事业”，实为“${value}”`, `kind must be administrative (行政) or institution (事业), got "${value}"`, 'kind');
  }
  return kind;
}

export const initialCountyState = (): CountyState => ({ registered: false, code: '', name: '' });
export const initialUnitState = (): UnitState => ({ registered: false, countyCode: '', code: '', name: '', supervisingDepartment: null, kind: 'administrative' });

export function evolveCounty(state: CountyState, event: CountyEvent): CountyState {
  switch (event.type) {
    case 'CountyRegistered':
      return { registered: true, code: event.data.code, name: event.data.name };
    case 'CountyRenamed':
      return { ...state, name: event.data.to };
    default:
      return assertNeverUnit(event);
  }
}

export function decideCounty(command: CountyCommand, state: CountyState): CountyEvent[] {
  switch (command.type) {
    case 'RegisterCounty': {
      if (!COUNTY_CODE.test(command.code ?? '')) {
        throw new UnitError('InvalidInput', 'invalid-field', `行政区划代码应为 6 位数字（如 430423；乡镇 9 位、村 12 位），实为“${command.code}”`, `a county code is 6 digits (e.g. 430423; 9 or 12 for townships and villages), got "${command.code}"`, 'code');
      }
      const name = text('name', command.name, '行政区划名称');
      if (state.registered) {
        if (state.name === name) return [];
        throw new UnitError('Conflict', 'county-exists', `行政区划 ${command.code} 已登记为“${state.name}”`, `county ${command.code} is already registered as "${state.name}"`, 'code');
      }
      return [{ type: 'CountyRegistered', data: { code: command.code, name } }];
    }
    case 'RenameCounty': {
      if (!state.registered) throw new UnitError('NotFound', 'county-not-found', '行政区划不存在', 'no such county');
      const name = text('name', command.name, '行政区划名称');
      return name === state.name ? [] : [{ type: 'CountyRenamed', data: { from: state.name, to: name } }];
    }
    default:
      return assertNeverUnit(command);
  }
}

export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case 'UnitRegistered':
      return { registered: true, ...event.data };
    case 'UnitRenamed':
      return { ...state, name: event.data.to };
    case 'UnitSupervisingDepartmentChanged':
      return { ...state, supervisingDepartment: event.data.to };
    case 'UnitKindChanged':
      return { ...state, kind: event.data.to };
    default:
      return assertNeverUnit(event);
  }
}

/** Pure. Uniqueness of a name within the county is the caller's (the units read model's unique index). */
export function decideUnit(command: UnitCommand, state: UnitState): UnitEvent[] {
  switch (command.type) {
    case 'RegisterUnit': {
      if (!COUNTY_CODE.test(command.countyCode ?? '')) {
        throw new UnitError('InvalidInput', 'invalid-field', `行政区划代码应为 6 位数字，实为“${command.countyCode}”`, `a county code is 6 digits, got "${command.countyCode}"`, 'county');
      }
      if (!UNIT_CODE.test(command.code ?? '')) {
        throw new UnitError('InvalidInput', 'invalid-field', `单位编码只能包含字母、数字、“-”和“_”，不超过 40 个字符，实为“${command.code}”`, `a unit code is letters, digits, - and _, at most 40 characters, got "${command.code}"`, 'code');
      }
      const name = text('name', command.name, '单位名称');
      const supervisingDepartment = optionalText('supervisingDepartment', command.supervisingDepartment, '主管部门');
      const kind = kindOf(command.kind);
      if (state.registered) {
        const same = state.countyCode === command.countyCode && state.name === name && state.supervisingDepartment === supervisingDepartment && state.kind === kind;
        if (same) return []; // the same registration again: nothing to record
        throw new UnitError('Conflict', 'unit-exists', `单位编码 ${command.code} 已被“${state.name}”使用`, `unit code ${command.code} is already used by "${state.name}"`, 'code');
      }
      return [{ type: 'UnitRegistered', data: { countyCode: command.countyCode, code: command.code, name, supervisingDepartment, kind } }];
    }
    case 'UpdateUnit': {
      if (!state.registered) throw new UnitError('NotFound', 'unit-not-found', '单位不存在', 'no such unit');
      const events: UnitEvent[] = [];
      if (command.name !== undefined) {
        const name = text('name', command.name, '单位名称');
        if (name !== state.name) events.push({ type: 'UnitRenamed', data: { from: state.name, to: name } });
      }
      if (command.supervisingDepartment !== undefined) {
        const to = optionalText('supervisingDepartment', command.supervisingDepartment, '主管部门');
        if (to !== state.supervisingDepartment) events.push({ type: 'UnitSupervisingDepartmentChanged', data: { from: state.supervisingDepartment, to } });
      }
      if (command.kind !== undefined) {
        const to = kindOf(command.kind);
        if (to !== state.kind) events.push({ type: 'UnitKindChanged', data: { from: state.kind, to } });
      }
      return events;
    }
    default:
      return assertNeverUnit(command);
  }
}
