import type { CellValue } from '../filing/filing.events';
import { Dec, computedFullBudget, effectiveFullBudget, formatRate, numericOf } from '../filing/filing.figures';
import { projectDisplayNames } from '../filing/filing.paths';
import type { BudgetRowState } from '../filing/filing.state';
import { BUDGET_ROWS, PROJECT_FUND_ROWS } from '../filing/filing.types';
import type { BudgetRow, ExpenseColumn, ExpenseItem, FundCategory } from '../filing/filing.types';
import { BUDGET_ROW_LABELS, EXPENSE_LABELS } from '../filing/filing.view';
import type { CSheet } from './c-support';
import { ROUNDING_NOTE, ROUNDING_NOTE_EN, findingOf, gapSeverity, money, pathOf, sheetsOf, show, total, tolerance, two } from './c-support';
import type { Finding, Rule, RuleInput, Severity } from './rule.types';

/**
 * C06, C08–C12: the money of one table (anomaly-rules.md "Budget total", "Adjustments"). "The total" is
 * 全年预算数 (`budget.full`: the stated one, else 年初 + the recorded adjustments); the 附件二 fund split is a
 * split of the full-year budget, not of 执行数.
 */

const budgetBase = (row: BudgetRow): string[] => (row === 'total' ? ['budget'] : ['funds', row]);

// ---------------------------------------------------------------------------------------------------
// Printed rates (C06, C12)

/** Decimals printed after the point (`"99.5%"` → 1). */
function printedDecimals(text: string): number {
  const m = /\.(\d+)/u.exec(text);
  return m ? m[1].length : 0;
}

/**
 * Whether a printed rate states `percent` (the ratio × 100) at its printed precision: rounded half-up or
 * cut off at the printed decimals. A rate printed without `%` may be a percentage (`100`) or a fraction
 * (`1`): either reading agrees. Null when nothing numeric is printed (empty, `——`, text).
 */
export function rateAgrees(stated: CellValue, percent: Dec): boolean | null {
  const value = numericOf(stated);
  if (value === null || stated === null) return null;
  const text = stated.trim();
  const decimals = printedDecimals(text);
  const candidates = text.endsWith('%') ? [percent] : [percent, percent.dividedBy(100)];
  return candidates.some((c) => c.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).eq(value) || c.toDecimalPlaces(decimals, Dec.ROUND_DOWN).eq(value));
}

/** A printed rate as a decimal string: as printed, without thousands separators (`"100%"`, `"0.99"`). */
const printedRate = (stated: CellValue): string => (stated ?? '').trim().replace(/,/gu, '');

export const C06: Rule = {
  id: 'C06',
  group: 'C',
  title: '执行率与全年执行数÷全年预算数不符',
  defaultSeverity: 'error',
  check(input) {
    const findings: Finding[] = [];
    for (const s of sheetsOf(input)) {
      for (const row of BUDGET_ROWS) {
        const r = s.sheet.budget[row];
        if (!r) continue;
        const executed = numericOf(r.executed);
        const full = effectiveFullBudget(r);
        if (executed === null || full === null || full.isZero()) continue;
        const percent = executed.times(100).dividedBy(full);
        if (rateAgrees(r.rate, percent) !== false) continue;
        const base = budgetBase(row);
        const rowLabel = BUDGET_ROW_LABELS[row];
        const expected = formatRate(executed.dividedBy(full));
        findings.push(
          findingOf(C06, {
            table: s.table,
            paths: [pathOf(s.table, ...base, 'rate'), pathOf(s.table, ...base, 'executed'), pathOf(s.table, ...base, 'full')],
            expected,
            actual: printedRate(r.rate),
            message: `${s.label}${rowLabel}执行率填报为 ${printedRate(r.rate)}，按全年执行数 ${money(executed)} ÷ 全年预算数 ${money(full)} 计算应为 ${expected}`,
            messageEn: `${s.labelEn}: the ${row === 'total' ? 'budget' : row} row states an execution rate of ${printedRate(r.rate)}; executed ${money(executed)} / full-year budget ${money(full)} is ${expected}`,
          }),
        );
      }
    }
    return findings;
  },
};

// ---------------------------------------------------------------------------------------------------
// C08 全年预算数 = 年初预算数 + adjustments

function adjustmentWords(r: BudgetRowState): { zh: string; en: string } {
  const zh = r.adjustments.map((a) => `${a.direction === 'increase' ? '追加' : '调减'} ${money(new Dec(a.amount))}`).join('、');
  const en = r.adjustments.map((a) => `${a.direction === 'increase' ? '+' : '−'}${money(new Dec(a.amount))}`).join(', ');
  return { zh, en };
}

/**
 * 附件二 when 附件一 prints a 部门基本支出预算调整 (本年预算数) and no adjustment is recorded on the row:
 * 全年 should be 年初 + that adjustment + each project's adjustment (its 附件三 全年 − 年初). Null when that
 * cannot be told: a project line with current-year money has no 附件三, or a 附件三 lacks 年初 or 全年.
 */
function basicAdjustmentCheck(input: RuleInput): Finding | null {
  const state = input.state;
  const adjustment = numericOf(state.basic.expense.basicAdjustment?.budget ?? null);
  const row = state.overall.budget.total;
  if (adjustment === null || adjustment.isZero() || !row || row.adjustments.length > 0) return null;
  const initial = numericOf(row.initial);
  const full = numericOf(row.full);
  if (initial === null || full === null) return null;
  const { tables } = projectDisplayNames(state);
  let projects = new Dec(0);
  const projectPaths: string[] = [];
  for (const p of state.projects) {
    if (p.name === null) {
      const budget = numericOf(p.line.budget ?? null);
      if (budget !== null && !budget.isZero()) return null;
      continue;
    }
    const pr = p.sheet.budget.total;
    const pf = pr ? effectiveFullBudget(pr) : null;
    const pi = pr ? numericOf(pr.initial) : null;
    if (pf === null || pi === null) return null;
    projects = projects.plus(pf.minus(pi));
    const table = `project:${tables.get(p.projectId)}`;
    projectPaths.push(pathOf(table, 'budget', 'full'), pathOf(table, 'budget', 'initial'));
  }
  const expected = initial.plus(adjustment).plus(projects);
  const gap = full.minus(expected);
  if (gap.isZero()) return null;
  const severity = gapSeverity(input, gap, 2 + projectPaths.length / 2, C08.defaultSeverity);
  const note = severity === 'info' ? ROUNDING_NOTE : '：请核对全年预算数、年初预算数或预算调整数';
  return findingOf(C08, {
    severity,
    table: 'overall',
    paths: [pathOf('overall', 'budget', 'full'), pathOf('overall', 'budget', 'initial'), pathOf('basic', 'expense', 'basicAdjustment', 'budget'), ...projectPaths],
    expected: two(expected),
    actual: two(full),
    message: `附件二全年预算数 ${money(full)} 不等于年初预算数 ${money(initial)} + 附件一部门基本支出预算调整 ${money(adjustment)} + 各项目调整数（附件三全年预算数 − 年初预算数）${money(projects)} = ${money(expected)}${note}`,
    messageEn: `附件二 (overall): the full-year budget ${money(full)} is not the initial ${money(initial)} + the basic-expenditure adjustment ${money(adjustment)} (附件一) + the projects' adjustments ${money(projects)} = ${money(expected)}${severity === 'info' ? ROUNDING_NOTE_EN : ''}`,
  });
}

export const C08: Rule = {
  id: 'C08',
  group: 'C',
  title: '全年预算数与年初预算数加预算调整不符',
  defaultSeverity: 'error',
  check(input) {
    const findings: Finding[] = [];
    for (const s of sheetsOf(input)) {
      for (const row of BUDGET_ROWS) {
        const r = s.sheet.budget[row];
        // only where an adjustment is recorded: an imported document keeps its stated 全年预算数
        if (!r || r.adjustments.length === 0) continue;
        const full = numericOf(r.full);
        const initial = numericOf(r.initial);
        const expected = computedFullBudget(r);
        if (full === null || initial === null || expected === null) continue;
        const gap = full.minus(expected);
        if (gap.isZero()) continue;
        const severity = gapSeverity(input, gap, 1 + r.adjustments.length, C08.defaultSeverity);
        const base = budgetBase(row);
        const words = adjustmentWords(r);
        const rowLabel = BUDGET_ROW_LABELS[row];
        findings.push(
          findingOf(C08, {
            severity,
            table: s.table,
            paths: [pathOf(s.table, ...base, 'full'), pathOf(s.table, ...base, 'initial')],
            expected: two(expected),
            actual: two(full),
            message: `${s.label}${rowLabel}全年预算数 ${money(full)} 不等于年初预算数 ${money(initial)} 与已记录的预算调整（${words.zh}）之和 ${money(expected)}${severity === 'info' ? ROUNDING_NOTE : '：请核对全年预算数、年初预算数，或补记预算调整'}`,
            messageEn: `${s.labelEn}: the full-year budget ${money(full)} is not the initial ${money(initial)} plus the recorded adjustments (${words.en}) = ${money(expected)}${severity === 'info' ? ROUNDING_NOTE_EN : ''}`,
          }),
        );
      }
    }
    const basic = basicAdjustmentCheck(input);
    if (basic) findings.push(basic);
    return findings;
  },
};

// ---------------------------------------------------------------------------------------------------
// C09, C10: the 附件二 fund split against 全年预算数 (and against a printed heading subtotal)

const FUND_LABELS: Record<FundCategory, string> = {
  generalPublic: '一般公共预算',
  govFund: '政府性基金拨款',
  specialAccount: '纳入专户管理的非税收入拨款',
  other: '其他资金',
  basic: '基本支出',
  project: '项目支出',
  sourceTotal: '按收入性质分',
  natureTotal: '按支出性质分',
};

function splitCheck(rule: Rule, input: RuleInput, lines: FundCategory[], subtotalKey: 'sourceTotal' | 'natureTotal', en: string): Finding[] {
  const funds = input.state.funds;
  const present = lines.filter((c) => numericOf(funds[c] ?? null) !== null);
  const values = present.map((c) => numericOf(funds[c] ?? null) as Dec);
  const row = input.state.overall.budget.total;
  const full = row ? effectiveFullBudget(row) : null;
  const subtotal = numericOf(funds[subtotalKey] ?? null);
  const heading = FUND_LABELS[subtotalKey];
  const sum = total(values);
  const gaps: { gap: Dec; terms: number }[] = [];
  let expected: Dec | null = null;
  let actual: Dec | null = null;
  const zh: string[] = [];
  const enParts: string[] = [];
  if (present.length > 0) {
    const list = present.map((c, i) => `${FUND_LABELS[c]} ${money(values[i])}`).join(' + ');
    zh.push(`${heading}各项合计 ${money(sum)}（${list}）`);
    enParts.push(`the ${en} lines add up to ${money(sum)}`);
    if (full !== null && !sum.eq(full)) {
      gaps.push({ gap: sum.minus(full), terms: present.length });
      expected = full;
      actual = sum;
      zh.push(`全年预算数为 ${money(full)}`);
      enParts.push(`the full-year budget is ${money(full)}`);
    }
    if (subtotal !== null && !subtotal.eq(sum)) {
      gaps.push({ gap: subtotal.minus(sum), terms: present.length });
      if (expected === null) {
        expected = sum;
        actual = subtotal;
      }
      zh.push(`表中“${heading}”小计为 ${money(subtotal)}`);
      enParts.push(`the heading prints ${money(subtotal)}`);
    }
  } else if (subtotal !== null && full !== null && !subtotal.eq(full)) {
    gaps.push({ gap: subtotal.minus(full), terms: 1 });
    expected = full;
    actual = subtotal;
    zh.push(`表中“${heading}”小计为 ${money(subtotal)}`, `全年预算数为 ${money(full)}`);
    enParts.push(`the heading prints ${money(subtotal)}`, `the full-year budget is ${money(full)}`);
  }
  if (gaps.length === 0 || expected === null || actual === null) return [];
  const severity: Severity = gaps.every((g) => g.gap.abs().lte(tolerance(input, g.terms))) ? 'info' : rule.defaultSeverity;
  const diff = expected.minus(actual).abs();
  return [
    findingOf(rule, {
      severity,
      table: 'overall',
      paths: [pathOf('overall', 'funds', subtotalKey), ...present.map((c) => pathOf('overall', 'funds', c)), pathOf('overall', 'budget', 'full')],
      expected: two(expected),
      actual: two(actual),
      message: `附件二${zh.join('，')}，相差 ${money(diff)}${severity === 'info' ? ROUNDING_NOTE : '：请核对各项资金数'}`,
      messageEn: `附件二 (overall): ${enParts.join('; ')}: a gap of ${money(diff)}${severity === 'info' ? ROUNDING_NOTE_EN : ''}`,
    }),
  ];
}

export const C09: Rule = {
  id: 'C09',
  group: 'C',
  title: '按收入性质分各项资金之和与全年预算数不符',
  defaultSeverity: 'error',
  check: (input) => splitCheck(C09, input, ['generalPublic', 'govFund', 'specialAccount', 'other'], 'sourceTotal', 'funds-by-source'),
};

export const C10: Rule = {
  id: 'C10',
  group: 'C',
  title: '按支出性质分各项资金之和与全年预算数不符',
  defaultSeverity: 'error',
  check: (input) => splitCheck(C10, input, ['basic', 'project'], 'natureTotal', 'funds-by-nature'),
};

// ---------------------------------------------------------------------------------------------------
// C11: 其中 lines that add up to more than their parent

interface Part {
  label: string;
  path: string;
  value: CellValue;
}

function columnLabel(year: number, column: ExpenseColumn): string {
  const y = year > 0 ? `${year} 年` : '本年';
  const prev = year > 0 ? `${year - 1} 年` : '上年';
  return { prevActual: `${prev}决算数`, budget: `${y}预算数`, actual: `${y}决算数` }[column];
}

const BUDGET_FIELD_LABELS = { initial: '年初预算数', full: '全年预算数', executed: '全年执行数' } as const;

export const C11: Rule = {
  id: 'C11',
  group: 'C',
  title: '“其中”各项之和大于合计数',
  defaultSeverity: 'error',
  check(input) {
    const findings: Finding[] = [];
    const state = input.state;
    const check = (table: string, where: string, whereEn: string, parent: Part, parts: Part[]) => {
      const p = numericOf(parent.value);
      const present = parts.filter((x) => numericOf(x.value) !== null);
      if (p === null || present.length === 0) return;
      const sum = total(present.map((x) => numericOf(x.value) as Dec));
      if (!sum.gt(p)) return;
      const excess = sum.minus(p);
      const severity = gapSeverity(input, excess, present.length, C11.defaultSeverity);
      const list = present.map((x) => `${x.label} ${money(numericOf(x.value) as Dec)}`).join('；');
      findings.push(
        findingOf(C11, {
          severity,
          table,
          paths: [parent.path, ...present.map((x) => x.path)],
          expected: two(p),
          actual: two(sum),
          message: `${where}${parent.label}为 ${money(p)}，其中各项合计 ${money(sum)}（${list}），超出 ${money(excess)}${severity === 'info' ? ROUNDING_NOTE : '：其中各项之和不应大于合计数，请核对'}`,
          messageEn: `${whereEn}: the parts of ${parent.label} add up to ${money(sum)}, more than its ${money(p)}${severity === 'info' ? ROUNDING_NOTE_EN : ''}`,
        }),
      );
    };
    // 附件一 经费控制情况
    const cell = (item: ExpenseItem, column: ExpenseColumn): Part => ({ label: EXPENSE_LABELS[item], path: pathOf('basic', 'expense', item, column), value: state.basic.expense[item]?.[column] ?? null });
    const { lines } = projectDisplayNames(state);
    for (const column of ['prevActual', 'budget', 'actual'] as const) {
      const where = `附件一（${columnLabel(state.year, column)}）`;
      const whereEn = `附件一 (${column})`;
      const vehicle = cell('vehicle', column);
      const vehicleParts = [cell('vehiclePurchase', column), cell('vehicleOperation', column)];
      check('basic', where, whereEn, cell('threePublic', column), [...(numericOf(vehicle.value) !== null ? [vehicle] : vehicleParts), cell('overseas', column), cell('reception', column)]);
      check('basic', where, whereEn, vehicle, vehicleParts);
      check('basic', where, whereEn, cell('publicFunds', column), [cell('office', column), cell('utilitiesTravel', column), cell('meetingsTraining', column)]);
      const projectLines = state.projects
        .filter((p) => p.lineName !== null)
        .map((p): Part => {
          const name = lines.get(p.projectId) ?? (p.lineName as string);
          return { label: name, path: pathOf('basic', 'expense', `project:${name}`, column), value: p.line[column] ?? null };
        });
      check('basic', where, whereEn, cell('projects', column), projectLines);
    }
    // 附件三 项目资金: 当年财政拨款, 上年结转资金, 其他资金 under 年度资金总额
    for (const s of sheetsOf(input)) {
      if (s.kind !== 'project') continue;
      for (const field of ['initial', 'full', 'executed'] as const) {
        const parent: Part = { label: `年度资金总额${BUDGET_FIELD_LABELS[field]}`, path: pathOf(s.table, 'budget', field), value: s.sheet.budget.total?.[field] ?? null };
        const parts = PROJECT_FUND_ROWS.map((row): Part => ({ label: BUDGET_ROW_LABELS[row].replace(/^其中：/u, ''), path: pathOf(s.table, 'funds', row, field), value: s.sheet.budget[row]?.[field] ?? null }));
        check(s.table, s.label, s.labelEn, parent, parts);
      }
    }
    return findings;
  },
};

// ---------------------------------------------------------------------------------------------------
// C12: printed control rates of 附件一

const CONTROL_RATES = [
  { rate: ['staffing', 'controlRate'], n: ['staffing', 'actual'], d: ['staffing', 'authorized'], zh: '编制控制率', nZh: '实际在职人数', dZh: '编制数', en: 'staffing control rate' },
  { rate: ['buildings', 'areaControlRate'], n: ['buildings', 'actualArea'], d: ['buildings', 'approvedArea'], zh: '规模控制率', nZh: '实际规模', dZh: '批复规模', en: 'area control rate' },
  { rate: ['buildings', 'investmentControlRate'], n: ['buildings', 'actualInvestment'], d: ['buildings', 'budgetInvestment'], zh: '投资概算控制率', nZh: '实际投资', dZh: '预算投资', en: 'investment control rate' },
] as const;

export const C12: Rule = {
  id: 'C12',
  group: 'C',
  title: '控制率与其比值不符',
  defaultSeverity: 'error',
  check(input) {
    const findings: Finding[] = [];
    const b = input.state.basic;
    const read = ([group, field]: readonly [string, string]): CellValue => ((b as unknown as Record<string, Record<string, CellValue> | undefined>)[group]?.[field] ?? null);
    for (const c of CONTROL_RATES) {
      const stated = read(c.rate);
      const n = numericOf(read(c.n));
      const d = numericOf(read(c.d));
      if (n === null || d === null || d.isZero()) continue;
      if (rateAgrees(stated, n.times(100).dividedBy(d)) !== false) continue;
      const expected = formatRate(n.dividedBy(d));
      findings.push(
        findingOf(C12, {
          table: 'basic',
          paths: [pathOf('basic', ...c.rate), pathOf('basic', ...c.n), pathOf('basic', ...c.d)],
          expected,
          actual: printedRate(stated),
          message: `附件一${c.zh}填报为 ${printedRate(stated)}，按${c.nZh} ${show(n)} ÷ ${c.dZh} ${show(d)} 计算应为 ${expected}`,
          messageEn: `附件一: the ${c.en} is printed as ${printedRate(stated)}; ${show(n)} / ${show(d)} is ${expected}`,
        }),
      );
    }
    return findings;
  },
};
