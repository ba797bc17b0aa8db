import { splitPath } from '../figure-path';
import type { CellValue, FilingEvent } from '../filing/filing.events';
import type { CellChange } from '../filing/filing.history';
import { figureHistory } from '../filing/filing.history';
import type { FigureAddress, SheetName } from '../filing/filing.paths';
import { parseFigurePath } from '../filing/filing.paths';
import { BUDGET_ROW_LABELS, EXPENSE_LABELS, LEVEL1_LABELS, LEVEL2_LABELS, SECTION_TITLES } from '../filing/filing.view';

/**
 * What the A rules (event history) share: the filing's events with their metadata, the history of every
 * cell under today's names, labels of cells and times for messages. Internal to `rules/` except the types.
 */

/** How a change was made (the event store's `EventSource`): typed in the UI, the API, the CLI, by the system, or imported from a file (its sha256). */
export type HistorySource = 'ui' | 'api' | 'cli' | 'system' | `import:${string}`;

export interface HistoryActor {
  userId: string;
  role: string;
}

/** A stored filing event's metadata, as the A rules read it. */
export interface HistoryMeta {
  /** the event's version in the filing's stream */
  version: number;
  /** UTC ISO-8601 (`2024-06-30T12:00:00.000Z`) */
  recordedAt: string;
  actor: HistoryActor;
  source: HistorySource;
  /** the reason given with the request that recorded the event; null when none */
  reason: string | null;
}

/** One event of a filing's stream with its metadata. */
export type HistoryEvent = FilingEvent & HistoryMeta;

/** One change of one cell, with the event that made it. */
export interface HistoryChange extends CellChange {
  /** the cell's path under today's names (a removed row keeps its last name) */
  path: string;
  event: HistoryEvent;
}

/** The history of a filing: every cell's changes under today's names, and the same changes by event. */
export interface FilingHistory {
  byPath: Map<string, HistoryChange[]>;
  /** the cell changes each event made (by its index in the stream) */
  byIndex: Map<number, HistoryChange[]>;
}

export function historyOf(events: HistoryEvent[]): FilingHistory {
  const byPath = new Map<string, HistoryChange[]>();
  const byIndex = new Map<number, HistoryChange[]>();
  for (const [path, changes] of figureHistory(events)) {
    const list = changes.map((c) => ({ ...c, path, event: events[c.index] }));
    byPath.set(path, list);
    for (const c of list) byIndex.set(c.index, [...(byIndex.get(c.index) ?? []), c]);
  }
  return { byPath, byIndex };
}

export const isImported = (e: HistoryMeta): boolean => typeof e.source === 'string' && e.source.startsWith('import:');

/** A reason that says something: not empty, not a dash, not 无. */
export function hasText(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  const text = value.replace(/[\s。．.]/gu, '');
  return text !== '' && !/^(?:[—–―─\-/／]+|无|没有|暂无|略)$/u.test(text);
}

/** The offset of China Standard Time: deadlines are dates in the county's (Beijing) time. */
export const CHINA_UTC_OFFSET = '+08:00';
const CHINA_OFFSET_MS = 8 * 3600_000;

/** `2024-06-30 21:15`: an ISO time shown in Beijing time; the text as given when it is no time. */
export function beijingTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant a round's deadline (`YYYY-MM-DD`) ends: 24:00 Beijing time of that day; null if it is no date. */
export function deadlineEnd(deadline: string | null | undefined): number | null {
  if (typeof deadline !== 'string' || !/^\d{4}-\d{2}-\d{2}$/u.test(deadline)) return null;
  const start = Date.parse(`${deadline}T00:00:00${CHINA_UTC_OFFSET}`);
  if (Number.isNaN(start) || new Date(start + CHINA_OFFSET_MS).toISOString().slice(0, 10) !== deadline) return null;
  return start + 24 * 3600_000;
}

export const actorText = (a: HistoryActor | undefined): string => (a ? `用户 ${a.userId}（${a.role}）` : '未知用户');
export const actorTextEn = (a: HistoryActor | undefined): string => (a ? `${a.userId} (${a.role})` : 'unknown user');

/** A value in a message: `“98”`, `（空）` for an empty cell. */
export const valueText = (v: CellValue): string => (v === null ? '（空）' : `“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”`);
export const valueTextEn = (v: CellValue): string => (v === null ? '(empty)' : `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`);

const STAFFING: Record<string, string> = { authorized: '编制数', actual: '实际在职人数', controlRate: '编制控制率' };
const EXPENSE_COLUMNS: Record<string, string> = { prevActual: '上年决算数', budget: '本年预算数', actual: '本年决算数' };
const BUILDINGS: Record<string, string> = {
  approvedArea: '批复规模',
  actualArea: '实际规模',
  areaControlRate: '规模控制率',
  budgetInvestment: '预算投资',
  actualInvestment: '实际投资',
  investmentControlRate: '投资概算控制率',
};
const SIGNOFF: Record<string, string> = { preparer: '填表人', date: '填报日期', phone: '联系电话', head: '单位负责人' };
const HEADER: Record<string, string> = { unitName: '单位名称', department: '主管部门', implementer: '实施单位' };
const BUDGET_FIELDS: Record<string, string> = { initial: '年初预算数', full: '全年预算数', executed: '全年执行数', weight: '分值', rate: '执行率', score: '自评得分' };
const FUNDS: Record<string, string> = {
  generalPublic: '一般公共预算',
  govFund: '政府性基金拨款',
  specialAccount: '纳入专户管理的非税收入拨款',
  other: '其他资金',
  basic: '基本支出',
  project: '项目支出',
  sourceTotal: '按收入性质分合计',
  natureTotal: '按支出性质分合计',
};
const GOAL: Record<string, string> = { expected: '预期目标', actual: '实际完成情况' };
const INDICATOR: Record<string, string> = { target: '年度指标值', actual: '实际完成值', weight: '分值', score: '自评得分', deviation: '偏差原因分析及改进措施' };
const TOTAL: Record<string, string> = { weight: '分值', score: '自评得分' };

const sheetLabel = (s: SheetName): string => (s.table === 'overall' ? '附件二' : `附件三“${s.name}”`);

/** How a finance officer names a cell: `附件二 年度资金总额 全年执行数`, `附件三“业务经费” 产出指标—数量指标“培训场次” 自评得分`. */
export function cellLabel(path: string): string {
  let a: FigureAddress;
  try {
    a = parseFigurePath(path);
  } catch {
    return path;
  }
  switch (a.kind) {
    case 'staffing':
      return `附件一 ${STAFFING[a.field]}`;
    case 'expense':
      return `附件一 ${EXPENSE_LABELS[a.item]} ${EXPENSE_COLUMNS[a.column]}`;
    case 'projectLine':
      return `附件一 项目“${a.lineName}” ${EXPENSE_COLUMNS[a.column]}`;
    case 'buildings':
      return `附件一 楼堂馆所 ${BUILDINGS[a.field]}`;
    case 'savingsMeasures':
      return '附件一 厉行节约措施';
    case 'signoff':
      return `${a.table.table === 'basic' ? '附件一' : sheetLabel(a.table)} ${SIGNOFF[a.field]}`;
    case 'header':
      return `${sheetLabel(a.sheet)} ${HEADER[a.field]}`;
    case 'budget':
      return `${sheetLabel(a.sheet)} ${BUDGET_ROW_LABELS[a.row]} ${BUDGET_FIELDS[a.field]}`;
    case 'funds':
      return `附件二 ${FUNDS[a.category]}`;
    case 'goal':
      return `${sheetLabel(a.sheet)} 第 ${a.goal} 项绩效目标 ${GOAL[a.field]}`;
    case 'group':
      return `${sheetLabel(a.sheet)} ${LEVEL1_LABELS[a.level1]} 分值`;
    case 'indicator':
      return `${sheetLabel(a.sheet)} ${LEVEL1_LABELS[a.level1]}—${LEVEL2_LABELS[a.level2]}“${a.name}” ${INDICATOR[a.field]}`;
    case 'total':
      return `${sheetLabel(a.sheet)} 总分 ${TOTAL[a.field]}`;
    case 'cover':
      return `附件四 封面 ${a.field === 'unitName' ? '单位名称' : '日期'}`;
    case 'section':
      return `附件四 ${SECTION_TITLES[a.section]}`;
    case 'quoted':
      return `附件四 引用数字“${a.label}”${a.occurrence > 1 ? `（第 ${a.occurrence} 处）` : ''}`;
    case 'statedGrade':
      return '附件四 自评等级';
    default:
      return path;
  }
}

/** The table a path is in (`basic`, `overall`, `project:<name>`, `report`); the path itself when it cannot be split. */
export function tableOf(path: string): string {
  try {
    return splitPath(path)[0];
  } catch {
    return path;
  }
}

/** Whether a path is a self-score cell: a budget row's, an indicator's or the 总分 自评得分. */
export function isScorePath(path: string): boolean {
  try {
    const a = parseFigurePath(path);
    return (a.kind === 'budget' || a.kind === 'indicator' || a.kind === 'total') && a.field === 'score';
  } catch {
    return false;
  }
}

/** Lists at most `max` items, then “等 N 项”. */
export function listed(items: string[], max: number, separator = '；'): string {
  if (items.length <= max) return items.join(separator);
  return `${items.slice(0, max).join(separator)}${separator}等共 ${items.length} 项`;
}
export function listedEn(items: string[], max: number): string {
  if (items.length <= max) return items.join('; ');
  return `${items.slice(0, max).join('; ')}; ${items.length} in all`;
}
