import { assertNever } from '../filing/filing.events';

/**
 * Templates and evaluation rounds as streams. A template (`template-<id>`) is data, versioned by events:
 * every published version is a `TemplatePublished` with the whole definition, so a filing scored under
 * version n can be re-scored under exactly version n years later. A round (`round-<county>-<year>`) is one
 * county's evaluation for one year: its deadline and the template version it scores with.
 */
export type TemplateEvent = {
  type: 'TemplatePublished';
  data: { templateId: string; version: number; name: string; definition: unknown; note: string | null };
};

export type RoundEvent =
  | { type: 'RoundOpened'; data: { countyCode: string; year: number; deadline: string; templateId: string; templateVersion: number } }
  | { type: 'RoundTemplateChanged'; data: { from: { templateId: string; templateVersion: number }; to: { templateId: string; templateVersion: number } } }
  | { type: 'RoundDeadlineChanged'; data: { from: string; to: string } };

export type TemplateCommand = { type: 'PublishTemplate'; templateId: string; name: string; definition: unknown; note?: string | null };
export type RoundCommand =
  | { type: 'OpenRound'; countyCode: string; year: number; deadline: string; templateId: string; templateVersion: number }
  | { type: 'ChangeRoundTemplate'; templateId: string; templateVersion: number }
  | { type: 'ChangeRoundDeadline'; deadline: string };

export interface TemplateState {
  templateId: string;
  name: string;
  /** versions in order; versions[n - 1] is version n */
  versions: { version: number; name: string; definition: unknown; note: string | null }[];
}

export interface RoundState {
  opened: boolean;
  countyCode: string;
  year: number;
  deadline: string;
  templateId: string;
  templateVersion: number;
}

export class RoundError extends Error {
  constructor(
    readonly kind: 'InvalidInput' | 'NotFound' | 'Conflict',
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RoundError';
  }
}

/** A template id: lower-case letters, digits and `-` (it is part of a stream id). */
export const TEMPLATE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/u;
export const templateStreamId = (templateId: string) => `template-${templateId}`;
export const roundStreamId = (countyCode: string, year: number) => `round-${countyCode}-${year}`;

/** A template version as written in commands and JSON: `national-default@2`. */
export function templateRef(templateId: string, version: number): string {
  return `${templateId}@${version}`;
}
export function parseTemplateRef(text: string): { templateId: string; version: number | null } {
  const m = /^([a-z0-9][a-z0-9-]{0,62})(?:@([1-9]\d{0,8}))?$/u.exec(text.trim());
  if (!m) {
    throw new RoundError('InvalidInput', 'invalid-template-ref', `模板应写作“模板编号”或“模板编号@版本”，如 national-default@2，实为“${text}”`, `a template is "<id>" or "<id>@<version>", got "${text}"`, 'template');
  }
  return { templateId: m[1], version: m[2] ? Number(m[2]) : null };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/u;
function validDate(field: string, value: string): string {
  const text = (value ?? '').trim();
  const date = new Date(`${text}T00:00:00Z`);
  if (!DATE.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new RoundError('InvalidInput', 'invalid-field', `截止日期应为 YYYY-MM-DD 格式的有效日期，实为“${value}”`, `the deadline must be a valid YYYY-MM-DD date, got "${value}"`, field);
  }
  return text;
}

/** Equal JSON values, whatever the order of object keys (a stored definition comes back from jsonb re-ordered). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export const initialTemplateState = (): TemplateState => ({ templateId: '', name: '', versions: [] });
export const initialRoundState = (): RoundState => ({ opened: false, countyCode: '', year: 0, deadline: '', templateId: '', templateVersion: 0 });

export function evolveTemplate(state: TemplateState, event: TemplateEvent): TemplateState {
  switch (event.type) {
    case 'TemplatePublished': {
      const { templateId, version, name, definition, note } = event.data;
      return { templateId, name, versions: [...state.versions, { version, name, definition, note }] };
    }
    default:
      return assertNever(event.type);
  }
}

/**
 * Pure. `validate` checks a definition (the scoring module's template validator) and returns its
 * problems, each naming the JSON path of the bad node; a definition equal to the latest version adds
 * nothing.
 */
export function decideTemplate(command: TemplateCommand, state: TemplateState, validate: (definition: unknown) => string[]): TemplateEvent[] {
  switch (command.type) {
    case 'PublishTemplate': {
      if (!TEMPLATE_ID.test(command.templateId ?? '')) {
        throw new RoundError('InvalidInput', 'invalid-field', `模板编号只能包含小写字母、数字和“-”，实为“${command.templateId}”`, `a template id is lower-case letters, digits and -, got "${command.templateId}"`, 'templateId');
      }
      const name = (command.name ?? '').trim();
      if (!name) throw new RoundError('InvalidInput', 'invalid-field', '模板名称不能为空', 'the template name is empty', 'name');
      const problems = validate(command.definition);
      if (problems.length > 0) {
        throw new RoundError('InvalidInput', 'invalid-template', `模板定义有 ${problems.length} 处错误：${problems.slice(0, 10).join('；')}`, `the template definition has ${problems.length} problem(s): ${problems.slice(0, 10).join('; ')}`, 'definition');
      }
      const latest = state.versions.at(-1);
      if (latest && latest.name === name && sameJson(latest.definition, command.definition)) return [];
      return [{ type: 'TemplatePublished', data: { templateId: command.templateId, version: state.versions.length + 1, name, definition: command.definition, note: command.note?.trim() || null } }];
    }
    default:
      return assertNever(command.type);
  }
}

export function evolveRound(state: RoundState, event: RoundEvent): RoundState {
  switch (event.type) {
    case 'RoundOpened':
      return { opened: true, ...event.data };
    case 'RoundTemplateChanged':
      return { ...state, templateId: event.data.to.templateId, templateVersion: event.data.to.templateVersion };
    case 'RoundDeadlineChanged':
      return { ...state, deadline: event.data.to };
    default:
      return assertNever(event);
  }
}

/** Pure. That the template version exists is the caller's check (it reads the template stream). */
export function decideRound(command: RoundCommand, state: RoundState): RoundEvent[] {
  switch (command.type) {
    case 'OpenRound': {
      if (state.opened) throw new RoundError('Conflict', 'round-exists', `${command.countyCode} 的 ${command.year} 年度评价已开启`, `the ${command.year} round of ${command.countyCode} is already open`);
      if (!/^\d{6}(?:\d{3}){0,2}$/u.test(command.countyCode ?? '')) {
        throw new RoundError('InvalidInput', 'invalid-field', `行政区划代码应为 6 位数字，实为“${command.countyCode}”`, `a county code is 6 digits, got "${command.countyCode}"`, 'county');
      }
      if (!Number.isInteger(command.year) || command.year < 2000 || command.year > 2100) {
        throw new RoundError('InvalidInput', 'invalid-field', `年度应为 2000–2100 之间的整数，实为“${command.year}”`, `year must be between 2000 and 2100, got ${command.year}`, 'year');
      }
      const deadline = validDate('deadline', command.deadline);
      return [{ type: 'RoundOpened', data: { countyCode: command.countyCode, year: command.year, deadline, templateId: command.templateId, templateVersion: command.templateVersion } }];
    }
    case 'ChangeRoundTemplate': {
      if (!state.opened) throw new RoundError('NotFound', 'round-not-found', '该年度评价尚未开启', 'no such round');
      if (state.templateId === command.templateId && state.templateVersion === command.templateVersion) return [];
      return [
        {
          type: 'RoundTemplateChanged',
          data: { from: { templateId: state.templateId, templateVersion: state.templateVersion }, to: { templateId: command.templateId, templateVersion: command.templateVersion } },
        },
      ];
    }
    case 'ChangeRoundDeadline': {
      if (!state.opened) throw new RoundError('NotFound', 'round-not-found', '该年度评价尚未开启', 'no such round');
      const deadline = validDate('deadline', command.deadline);
      return deadline === state.deadline ? [] : [{ type: 'RoundDeadlineChanged', data: { from: state.deadline, to: deadline } }];
    }
    default:
      return assertNever(command);
  }
}
