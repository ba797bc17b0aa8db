import Decimal from 'decimal.js';
import { joinPath } from '../figure-path';
import type { CellValue } from './filing.events';
import { indicatorDisplayNames, projectDisplayNames } from './filing.paths';
import type { BudgetRowState, FilingState, SheetState } from './filing.state';
import { BUDGET_FIELDS, BUILDING_FIELDS, EXPENSE_COLUMNS, EXPENSE_ITEMS, FUND_CATEGORIES, GOAL_FIELDS, LEVEL1S, REPORT_SECTIONS, SIGNOFF_FIELDS, STAFFING_FIELDS } from './filing.types';
import type { BudgetRow, ExpenseColumn, Level1 } from './filing.types';

/** Decimal with half-up rounding (PRODUCT.md: rates rounded half-up), independent of the global default. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

/** The numeric value of a stored cell (`"1,234.50"`, `"98%"` → 98), or null for empty, `——` and text. */
export function numericOf(value: CellValue): Dec | null {
  if (value === null) return null;
  const text = value.trim();
  if (!/^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/u.test(text)) return null;
  return new Dec(text.replace(/[,%]/gu, ''));
}

/** Amounts and scores: 2 decimals. */
export const formatAmount = (d: Dec): string => d.toFixed(2, Dec.ROUND_HALF_UP);
/**
 * An amount recorded in an event (a budget adjustment): exact, never rounded (万元 with 4 decimals is
 * 元), at least 2 decimals, never in exponent notation.
 */
export const formatExactAmount = (d: Dec): string => (d.decimalPlaces() < 2 ? d.toFixed(2) : d.toFixed());
/** Rates: a percentage with 2 decimals, rounded half-up (`"100.00%"`). */
export const formatRate = (ratio: Dec): string => `${ratio.times(100).toFixed(2, Dec.ROUND_HALF_UP)}%`;
export const NOT_APPLICABLE = 'n/a';

/** numerator ÷ denominator as a rate; `"n/a"` for a zero denominator; null when either is missing. */
export function rateOf(numerator: CellValue | Dec | null, denominator: CellValue | Dec | null): string | null {
  const n = numerator instanceof Dec ? numerator : numericOf(numerator as CellValue);
  const d = denominator instanceof Dec ? denominator : numericOf(denominator as CellValue);
  if (n === null || d === null) return null;
  if (d.isZero()) return NOT_APPLICABLE;
  return formatRate(n.dividedBy(d));
}

/** Sum of the numeric values among `values`; null when none is numeric. */
export function sumOf(values: CellValue[]): Dec | null {
  let total: Dec | null = null;
  for (const v of values) {
    const n = numericOf(v);
    if (n !== null) total = (total ?? new Dec(0)).plus(n);
  }
  return total;
}

type FigureMap = Record<string, CellValue>;

function put(map: FigureMap, segments: string[], value: CellValue | undefined): void {
  if (value !== null && value !== undefined) map[joinPath(segments)] = value;
}

function sheetFigures(map: FigureMap, head: string, sheet: SheetState, project: boolean): void {
  for (const [field, value] of Object.entries(sheet.header)) put(map, [head, field], value);
  for (const row of Object.keys(sheet.budget) as BudgetRow[]) {
    const r = sheet.budget[row] as BudgetRowState;
    const base = row === 'total' ? [head, 'budget'] : [head, 'funds', row];
    for (const field of BUDGET_FIELDS) put(map, [...base, field], r[field]);
  }
  sheet.goals.forEach((goal, i) => GOAL_FIELDS.forEach((field) => put(map, [head, 'goals', String(i + 1), field], goal[field])));
  for (const level1 of LEVEL1S) put(map, [head, 'groups', level1, 'weight'], sheet.groups[level1]);
  const names = indicatorDisplayNames(sheet.indicators);
  for (const i of sheet.indicators) {
    const base = [head, 'indicators', i.level1, i.level2, names.get(i.indicatorId) as string];
    put(map, [...base, 'target'], i.target);
    put(map, [...base, 'actual'], i.actual);
    put(map, [...base, 'weight'], i.weight);
    put(map, [...base, 'score'], i.score);
    put(map, [...base, 'deviation'], i.deviation);
  }
  put(map, [head, 'total', 'weight'], sheet.total.weight);
  put(map, [head, 'total', 'score'], sheet.total.score);
  for (const field of SIGNOFF_FIELDS) put(map, [head, 'signoff', field], sheet.signoff[field]);
  void project;
}

/** The stated figures: every cell that holds a value, by figure path, in the order of the forms. */
export function figuresOf(state: FilingState): FigureMap {
  const map: FigureMap = {};
  const { tables, lines } = projectDisplayNames(state);
  const b = state.basic;
  for (const field of STAFFING_FIELDS) put(map, ['basic', 'staffing', field], b.staffing[field]);
  for (const item of EXPENSE_ITEMS) for (const column of EXPENSE_COLUMNS) put(map, ['basic', 'expense', item, column], b.expense[item]?.[column]);
  for (const p of state.projects) {
    if (p.lineName === null) continue;
    for (const column of EXPENSE_COLUMNS) put(map, ['basic', 'expense', `project:${lines.get(p.projectId)}`, column], p.line[column]);
  }
  for (const field of BUILDING_FIELDS) put(map, ['basic', 'buildings', field], b.buildings[field]);
  put(map, ['basic', 'savingsMeasures'], b.savingsMeasures);
  for (const field of SIGNOFF_FIELDS) put(map, ['basic', 'signoff', field], b.signoff[field]);

  sheetFigures(map, 'overall', state.overall, false);
  for (const category of FUND_CATEGORIES) put(map, ['overall', 'funds', category], state.funds[category]);
  for (const p of state.projects) if (p.name !== null) sheetFigures(map, `project:${tables.get(p.projectId)}`, p.sheet, true);

  const r = state.report;
  put(map, ['report', 'cover', 'unitName'], r.cover.unitName);
  put(map, ['report', 'cover', 'date'], r.cover.date);
  for (const section of REPORT_SECTIONS) put(map, ['report', 'sections', section, 'text'], r.sections[section]);
  put(map, ['report', 'statedGrade'], r.statedGrade);
  for (const q of r.quoted) put(map, ['report', 'quoted', q.occurrence === 1 ? q.label : `${q.label}#${q.occurrence}`], q.value);
  return map;
}

/**
 * 全年预算数 from 年初 and the recorded adjustments. Null when no adjustment is recorded and a 全年预算数
 * is stated (an imported document keeps its stated figure), or when there is nothing to compute from.
 */
export function computedFullBudget(row: BudgetRowState): Dec | null {
  const initial = numericOf(row.initial);
  if (row.adjustments.length === 0) return row.full === null && initial !== null ? initial : null;
  let full = initial ?? new Dec(0);
  for (const a of row.adjustments) full = a.direction === 'increase' ? full.plus(a.amount) : full.minus(a.amount);
  return full;
}

/** The 全年预算数 the execution rate divides by: the stated one, else the computed one. */
export function effectiveFullBudget(row: BudgetRowState): Dec | null {
  return numericOf(row.full) ?? computedFullBudget(row);
}

function sheetComputed(map: Record<string, string>, head: string, sheet: SheetState): void {
  for (const row of Object.keys(sheet.budget) as BudgetRow[]) {
    const r = sheet.budget[row] as BudgetRowState;
    const base = row === 'total' ? [head, 'budget'] : [head, 'funds', row];
    const full = computedFullBudget(r);
    if (full !== null) map[joinPath([...base, 'full'])] = formatAmount(full);
    const rate = rateOf(r.executed, effectiveFullBudget(r));
    if (rate !== null) map[joinPath([...base, 'rate'])] = rate;
  }
  const budgetRow = sheet.budget.total;
  const groups = new Set<Level1>([...sheet.indicators.map((i) => i.level1), ...(Object.keys(sheet.groups) as Level1[])]);
  for (const level1 of LEVEL1S) {
    if (!groups.has(level1)) continue;
    const rows = sheet.indicators.filter((i) => i.level1 === level1);
    map[joinPath([head, 'groups', level1, 'weight'])] = formatAmount(sumOf(rows.map((i) => i.weight)) ?? new Dec(0));
    map[joinPath([head, 'groups', level1, 'score'])] = formatAmount(sumOf(rows.map((i) => i.score)) ?? new Dec(0));
  }
  // The items of a table are its budget-execution row plus its indicator rows; 其中 sub-rows never count.
  const weights = [budgetRow?.weight ?? null, ...sheet.indicators.map((i) => i.weight)];
  const scores = [budgetRow?.score ?? null, ...sheet.indicators.map((i) => i.score)];
  if (weights.some((w) => numericOf(w) !== null) || sheet.total.weight !== null) map[joinPath([head, 'total', 'weight'])] = formatAmount(sumOf(weights) ?? new Dec(0));
  if (scores.some((s) => numericOf(s) !== null) || sheet.total.score !== null) map[joinPath([head, 'total', 'score'])] = formatAmount(sumOf(scores) ?? new Dec(0));
}

function putSum(map: Record<string, string>, segments: string[], parts: CellValue[]): void {
  const total = sumOf(parts);
  if (total !== null) map[joinPath(segments)] = formatAmount(total);
}

/**
 * Figures that follow from the figures alone (no template): 全年预算 from 年初 and adjustments, 执行率
 * (0/0 is "n/a"), control rates, sums of weights and scores per group and table, and the expense lines
 * that are sums by definition. Formats as PRODUCT.md fixes them.
 */
export function computedOf(state: FilingState): Record<string, string> {
  const map: Record<string, string> = {};
  const b = state.basic;
  const rate = (segments: string[], n: CellValue | undefined, d: CellValue | undefined) => {
    const value = rateOf(n ?? null, d ?? null);
    if (value !== null) map[joinPath(segments)] = value;
  };
  rate(['basic', 'staffing', 'controlRate'], b.staffing.actual, b.staffing.authorized);
  rate(['basic', 'buildings', 'areaControlRate'], b.buildings.actualArea, b.buildings.approvedArea);
  rate(['basic', 'buildings', 'investmentControlRate'], b.buildings.actualInvestment, b.buildings.budgetInvestment);
  const { lines, tables } = projectDisplayNames(state);
  const cell = (item: (typeof EXPENSE_ITEMS)[number], column: ExpenseColumn): CellValue => b.expense[item]?.[column] ?? null;
  for (const column of EXPENSE_COLUMNS) {
    putSum(map, ['basic', 'expense', 'vehicle', column], [cell('vehiclePurchase', column), cell('vehicleOperation', column)]);
    const vehicle = cell('vehicle', column) ?? map[joinPath(['basic', 'expense', 'vehicle', column])] ?? null;
    putSum(map, ['basic', 'expense', 'threePublic', column], [vehicle, cell('overseas', column), cell('reception', column)]);
    putSum(
      map,
      ['basic', 'expense', 'projects', column],
      state.projects.filter((p) => lines.has(p.projectId)).map((p) => p.line[column] ?? null),
    );
  }
  sheetComputed(map, 'overall', state.overall);
  const f = state.funds;
  putSum(map, ['overall', 'funds', 'sourceTotal'], [f.generalPublic ?? null, f.govFund ?? null, f.specialAccount ?? null, f.other ?? null]);
  putSum(map, ['overall', 'funds', 'natureTotal'], [f.basic ?? null, f.project ?? null]);
  for (const p of state.projects) if (p.name !== null) sheetComputed(map, `project:${tables.get(p.projectId)}`, p.sheet);
  return map;
}
