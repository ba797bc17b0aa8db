import { disambiguate, splitPath } from '../figure-path';
import { filingErrors } from './filing.errors';
import { assertNever } from './filing.events';
import type { FilingState, IndicatorState } from './filing.state';
import {
  BUDGET_FIELDS,
  BUILDING_FIELDS,
  COVER_FIELDS,
  EXPENSE_COLUMNS,
  EXPENSE_ITEMS,
  FUND_CATEGORIES,
  GOAL_FIELDS,
  INDICATOR_FIELDS,
  LEVEL1S,
  LEVEL2_BY_LEVEL1,
  OVERALL_HEADER_FIELDS,
  PROJECT_FUND_ROWS,
  PROJECT_HEADER_FIELDS,
  REPORT_SECTIONS,
  SIGNOFF_FIELDS,
  STAFFING_FIELDS,
  TOTAL_FIELDS,
  isOneOf,
} from './filing.types';
import type {
  BudgetField,
  BudgetRow,
  BuildingField,
  CoverField,
  ExpenseColumn,
  ExpenseItem,
  FundCategory,
  GoalField,
  HeaderField,
  IndicatorField,
  Level1,
  Level2,
  ReportSection,
  SignoffField,
  StaffingField,
  TotalField,
} from './filing.types';

/** 附件二, or a 附件三 named by the project's display name (with `#n` when two tables share a name). */
export type SheetName = { table: 'overall' } | { table: 'project'; name: string };

/** A figure path, parsed: which cell of which table. Names are display names (PRODUCT.md "Names in paths"). */
export type FigureAddress =
  | { kind: 'staffing'; field: StaffingField }
  | { kind: 'expense'; item: ExpenseItem; column: ExpenseColumn }
  | { kind: 'projectLine'; lineName: string; column: ExpenseColumn }
  | { kind: 'buildings'; field: BuildingField }
  | { kind: 'savingsMeasures' }
  | { kind: 'signoff'; table: { table: 'basic' } | SheetName; field: SignoffField }
  | { kind: 'header'; sheet: SheetName; field: HeaderField }
  | { kind: 'budget'; sheet: SheetName; row: BudgetRow; field: BudgetField }
  | { kind: 'funds'; category: FundCategory }
  | { kind: 'goal'; sheet: SheetName; goal: number; field: GoalField }
  | { kind: 'group'; sheet: SheetName; level1: Level1 }
  | { kind: 'indicator'; sheet: SheetName; level1: Level1; level2: Level2; name: string; field: IndicatorField }
  | { kind: 'total'; sheet: SheetName; field: TotalField }
  | { kind: 'cover'; field: CoverField }
  | { kind: 'section'; section: ReportSection }
  | { kind: 'quoted'; label: string; occurrence: number }
  | { kind: 'statedGrade' };

/** What a cell holds, for validation and for the computed formats. */
export type ValueKind = 'amount' | 'count' | 'area' | 'rate' | 'weight' | 'score' | 'number' | 'text';

/** `selfScore` (PRODUCT.md's example path) is accepted on input and stored as the v1 table's `score`. */
const INDICATOR_FIELD_ALIASES: Record<string, IndicatorField> = { selfScore: 'score' };

/** The table a path belongs to: `basic`, `overall`, `report` or `project:<name>` (the first segment). */
export function tableOfPath(path: string): string {
  return splitPath(path)[0];
}

function fail(path: string, why: string, whyEn: string): never {
  throw filingErrors.unknownPath(path, why, whyEn);
}

function pick<T extends string>(path: string, list: readonly T[], value: string | undefined, what: string): T {
  if (value !== undefined && isOneOf(list, value)) return value;
  return fail(path, `${what}应为 ${list.join(' / ')} 之一，实为“${value ?? '（缺失）'}”`, `${what} must be one of ${list.join(', ')}, got "${value ?? '(missing)'}"`);
}

function end(path: string, segs: string[], length: number): void {
  if (segs.length !== length) fail(path, `应有 ${length} 段，实有 ${segs.length} 段`, `expected ${length} segments, got ${segs.length}`);
}

/** Parses a figure path of PRODUCT.md's v1 table; anything else is refused with the reason. */
export function parseFigurePath(path: string): FigureAddress {
  let segs: string[];
  try {
    segs = splitPath(path);
  } catch {
    return fail(path, '反斜杠只能转义“.”或“\\”', '"\\" must escape "." or "\\"');
  }
  if (segs.some((s) => s === '')) fail(path, '存在空的路径段', 'empty segment');
  const [head, ...rest] = segs;
  if (head === 'basic') return parseBasic(path, rest);
  if (head === 'overall') return parseSheet(path, { table: 'overall' }, rest);
  if (head.startsWith('project:')) {
    const name = head.slice('project:'.length);
    if (!name) fail(path, '项目名称为空', 'empty project name');
    return parseSheet(path, { table: 'project', name }, rest);
  }
  if (head === 'report') return parseReport(path, rest);
  return fail(path, '表应为 basic、overall、project:<名称> 或 report', 'the table must be basic, overall, project:<name> or report');
}

function parseBasic(path: string, s: string[]): FigureAddress {
  switch (s[0]) {
    case 'staffing':
      end(path, s, 2);
      return { kind: 'staffing', field: pick(path, STAFFING_FIELDS, s[1], '人员字段') };
    case 'expense': {
      end(path, s, 3);
      const column = pick(path, EXPENSE_COLUMNS, s[2], '经费列');
      if (s[1].startsWith('project:')) {
        const lineName = s[1].slice('project:'.length);
        if (!lineName) fail(path, '项目名称为空', 'empty project name');
        return { kind: 'projectLine', lineName, column };
      }
      return { kind: 'expense', item: pick(path, EXPENSE_ITEMS, s[1], '经费项目'), column };
    }
    case 'buildings':
      end(path, s, 2);
      return { kind: 'buildings', field: pick(path, BUILDING_FIELDS, s[1], '楼堂馆所字段') };
    case 'savingsMeasures':
      end(path, s, 1);
      return { kind: 'savingsMeasures' };
    case 'signoff':
      end(path, s, 2);
      return { kind: 'signoff', table: { table: 'basic' }, field: pick(path, SIGNOFF_FIELDS, s[1], '签署字段') };
    default:
      return fail(path, '附件一的路径应以 staffing、expense、buildings、savingsMeasures 或 signoff 开头', 'basic paths start with staffing, expense, buildings, savingsMeasures or signoff');
  }
}

function parseSheet(path: string, sheet: SheetName, s: string[]): FigureAddress {
  const project = sheet.table === 'project';
  switch (s[0]) {
    case 'unitName':
    case 'department':
    case 'implementer':
      end(path, s, 1);
      return { kind: 'header', sheet, field: pick(path, project ? PROJECT_HEADER_FIELDS : OVERALL_HEADER_FIELDS, s[0], '表头字段') };
    case 'budget':
      end(path, s, 2);
      return { kind: 'budget', sheet, row: 'total', field: pick(path, BUDGET_FIELDS, s[1], '预算字段') };
    case 'funds':
      if (!project) {
        end(path, s, 2);
        return { kind: 'funds', category: pick(path, FUND_CATEGORIES, s[1], '资金类别') };
      }
      end(path, s, 3);
      return { kind: 'budget', sheet, row: pick(path, PROJECT_FUND_ROWS, s[1], '资金来源'), field: pick(path, BUDGET_FIELDS, s[2], '预算字段') };
    case 'goals': {
      end(path, s, 3);
      if (!/^[1-9]\d{0,3}$/u.test(s[1])) fail(path, `目标行号应为从 1 开始的整数，实为“${s[1]}”`, `a goal row is a 1-based integer, got "${s[1]}"`);
      return { kind: 'goal', sheet, goal: Number(s[1]), field: pick(path, GOAL_FIELDS, s[2], '目标字段') };
    }
    case 'groups':
      end(path, s, 3);
      pick(path, ['weight'] as const, s[2], '一级指标字段');
      return { kind: 'group', sheet, level1: pick(path, LEVEL1S, s[1], '一级指标') };
    case 'indicators': {
      end(path, s, 5);
      const level1 = pick(path, LEVEL1S, s[1], '一级指标');
      const level2 = pick(path, LEVEL2_BY_LEVEL1[level1], s[2], `“${level1}”下的二级指标`);
      const field = Object.hasOwn(INDICATOR_FIELD_ALIASES, s[4]) ? INDICATOR_FIELD_ALIASES[s[4]] : pick(path, INDICATOR_FIELDS, s[4], '指标字段');
      return { kind: 'indicator', sheet, level1, level2, name: s[3], field };
    }
    case 'total':
      end(path, s, 2);
      return { kind: 'total', sheet, field: pick(path, TOTAL_FIELDS, s[1], '总分字段') };
    case 'signoff':
      end(path, s, 2);
      return { kind: 'signoff', table: sheet, field: pick(path, SIGNOFF_FIELDS, s[1], '签署字段') };
    default:
      return fail(
        path,
        `${project ? '附件三' : '附件二'}没有“${s[0] ?? ''}”这一栏`,
        `${project ? 'a project table' : 'the overall table'} has no "${s[0] ?? ''}" section`,
      );
  }
}

function parseReport(path: string, s: string[]): FigureAddress {
  switch (s[0]) {
    case 'cover':
      end(path, s, 2);
      return { kind: 'cover', field: pick(path, COVER_FIELDS, s[1], '封面字段') };
    case 'sections':
      end(path, s, 3);
      pick(path, ['text'] as const, s[2], '报告章节字段');
      return { kind: 'section', section: pick(path, REPORT_SECTIONS, s[1], '报告章节') };
    case 'statedGrade':
      end(path, s, 1);
      return { kind: 'statedGrade' };
    case 'quoted': {
      end(path, s, 2);
      const { name, occurrence } = splitOccurrence(s[1]);
      return { kind: 'quoted', label: name, occurrence };
    }
    default:
      return fail(path, '附件四的路径应以 cover、sections、statedGrade 或 quoted 开头', 'report paths start with cover, sections, statedGrade or quoted');
  }
}

/** `名称#2` → {name: 名称, occurrence: 2}; a name without a `#n` (n ≥ 2) suffix is occurrence 1. */
export function splitOccurrence(display: string): { name: string; occurrence: number } {
  const m = /^(.*)#([2-9]|[1-9]\d+)$/u.exec(display);
  return m && m[1] !== '' ? { name: m[1], occurrence: Number(m[2]) } : { name: display, occurrence: 1 };
}

export function withOccurrence(name: string, occurrence: number): string {
  return occurrence === 1 ? name : `${name}#${occurrence}`;
}

/** The kind of value a cell holds. */
export function valueKindOf(address: FigureAddress): ValueKind {
  switch (address.kind) {
    case 'staffing':
      return address.field === 'controlRate' ? 'rate' : 'count';
    case 'expense':
    case 'projectLine':
    case 'funds':
      return 'amount';
    case 'buildings':
      return address.field.endsWith('ControlRate') ? 'rate' : address.field.endsWith('Area') ? 'area' : 'amount';
    case 'budget':
      return address.field === 'rate' ? 'rate' : address.field === 'weight' ? 'weight' : address.field === 'score' ? 'score' : 'amount';
    case 'group':
      return 'weight';
    case 'indicator':
      return address.field === 'weight' ? 'weight' : address.field === 'score' ? 'score' : 'text';
    case 'total':
      return address.field === 'weight' ? 'weight' : 'score';
    case 'quoted':
      return 'number';
    case 'savingsMeasures':
    case 'signoff':
    case 'header':
    case 'goal':
    case 'cover':
    case 'section':
    case 'statedGrade':
      return 'text';
    default:
      return assertNever(address);
  }
}

// ---------------------------------------------------------------------------------------------------
// From state to paths

/** Display names of the projects' 附件三 tables and 附件一 lines, by projectId (`#n` for duplicates). */
export function projectDisplayNames(state: FilingState): { tables: Map<string, string>; lines: Map<string, string> } {
  const withTable = state.projects.filter((p) => p.name !== null);
  const withLine = state.projects.filter((p) => p.lineName !== null);
  const tableNames = disambiguate(withTable.map((p) => p.name as string));
  const lineNames = disambiguate(withLine.map((p) => p.lineName as string));
  return {
    tables: new Map(withTable.map((p, i) => [p.projectId, tableNames[i]])),
    lines: new Map(withLine.map((p, i) => [p.projectId, lineNames[i]])),
  };
}

/** Display names of a sheet's indicators by id: `#n` among rows of the same name under the same 二级. */
export function indicatorDisplayNames(indicators: IndicatorState[]): Map<string, string> {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  for (const i of indicators) {
    const key = `${i.level1}\u0000${i.level2}\u0000${i.name}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    names.set(i.indicatorId, withOccurrence(i.name, n));
  }
  return names;
}
