import type { Dec } from '../filing/filing.figures';
import { projectDisplayNames } from '../filing/filing.paths';
import type { ProjectState } from '../filing/filing.state';
import type { Finding, RuleInput } from './rule.types';
import { amount, finding, fullOf, num, path, projectTables, statedAt, tolerance } from './xp-common';

/**
 * X01 and X02 (anomaly-rules.md, "Projects across tables"): a project's 附件一 line against its own 附件三
 * table, and the 附件三 tables together against 附件二's 项目支出. docs/rules.md explains each decision.
 */

interface Pair {
  table: ProjectState;
  line: ProjectState;
  /** `state`: one project in the filing (AddProject with both names, or LinkProject); `name` / `figures`: paired here, as PRODUCT.md links */
  basis: 'state' | 'name' | 'figures';
}

const isNonZero = (d: Dec | null): boolean => d !== null && !d.isZero();
const fmt = (d: Dec | null): string => (d === null ? '（空）' : amount(d));
const fmtEn = (d: Dec | null): string => (d === null ? '(empty)' : amount(d));

/** Pairs every 附件三 table with its 附件一 line: linked in the filing, else by equal name, else by equal figures. */
function pairsOf(projects: ProjectState[]): { pairs: Pair[]; tablesOnly: ProjectState[]; linesOnly: ProjectState[] } {
  const pairs: Pair[] = projects.filter((p) => p.name !== null && p.lineName !== null).map((p) => ({ table: p, line: p, basis: 'state' as const }));
  let tablesOnly = projects.filter((p) => p.name !== null && p.lineName === null);
  let linesOnly = projects.filter((p) => p.name === null && p.lineName !== null);
  // PRODUCT.md "Projects have identity": the same normalised name (names are normalised by AddProject) …
  for (const t of [...tablesOnly]) {
    const l = linesOnly.find((x) => x.lineName === t.name);
    if (!l) continue;
    pairs.push({ table: t, line: l, basis: 'name' });
    tablesOnly = tablesOnly.filter((x) => x !== t);
    linesOnly = linesOnly.filter((x) => x !== l);
  }
  // … failing that, equal 全年预算数 and 全年执行数 — only when exactly one line and one table match each other
  const matches = (t: ProjectState, l: ProjectState) => {
    const full = fullOf(t.sheet.budget.total);
    const executed = num(t.sheet.budget.total?.executed);
    const budget = num(l.line.budget);
    const actual = num(l.line.actual);
    return full !== null && executed !== null && budget !== null && actual !== null && full.equals(budget) && executed.equals(actual);
  };
  for (const t of [...tablesOnly]) {
    const candidates = linesOnly.filter((l) => matches(t, l));
    if (candidates.length !== 1 || tablesOnly.filter((x) => matches(x, candidates[0])).length !== 1) continue;
    pairs.push({ table: t, line: candidates[0], basis: 'figures' });
    tablesOnly = tablesOnly.filter((x) => x !== t);
    linesOnly = linesOnly.filter((x) => x !== candidates[0]);
  }
  return { pairs, tablesOnly, linesOnly };
}

/** X01: a project's 全年预算数 / 全年执行数 in 附件三 against its 附件一 line (本年预算数 / 本年决算数). */
export function checkX01(input: RuleInput): Finding[] {
  const { state } = input;
  const { tables, lines } = projectDisplayNames(state);
  const { pairs, tablesOnly, linesOnly } = pairsOf(state.projects);
  const out: Finding[] = [];
  const tol = tolerance(input, 1);

  for (const { table, line } of pairs) {
    const tableName = tables.get(table.projectId) as string;
    const lineName = lines.get(line.projectId) as string;
    const head = `project:${tableName}`;
    const linePath = (column: string) => path('basic', 'expense', `project:${lineName}`, column);
    const row = table.sheet.budget.total;
    const columns = [
      { column: 'budget', field: 'full', lineValue: num(line.line.budget), tableValue: fullOf(row), zh: ['本年预算数', '全年预算数'], en: ['budget', 'full-year budget'] },
      { column: 'actual', field: 'executed', lineValue: num(line.line.actual), tableValue: num(row?.executed), zh: ['本年决算数', '全年执行数'], en: ['actual', 'spending'] },
    ];
    const sameAmounts = columns.every((c) => c.lineValue !== null && c.tableValue !== null && c.lineValue.equals(c.tableValue));

    if (table.name !== line.lineName) {
      const figures = columns.map((c) => fmt(c.lineValue)).join('、');
      const figuresEn = columns.map((c) => fmtEn(c.lineValue)).join(', ');
      out.push(
        finding(
          'X01',
          'info',
          'basic',
          [linePath('budget'), linePath('actual'), path(head, 'budget', 'full'), path(head, 'budget', 'executed')],
          tableName,
          lineName,
          sameAmounts
            ? `附件一项目支出“${lineName}”与附件三项目表“${tableName}”名称不同；附件一本年预算数、决算数（${figures} 万元）与附件三全年预算数、全年执行数相同，视为同一项目。建议两表使用同一项目名称。`
            : `附件一项目支出“${lineName}”与附件三项目表“${tableName}”名称不同，已关联为同一项目。建议两表使用同一项目名称。`,
          sameAmounts
            ? `附件一 line "${lineName}" and 附件三 table "${tableName}" have different names; their budget and spending (${figuresEn}) are equal, so they are taken as one project. Use one name in both tables.`
            : `附件一 line "${lineName}" and 附件三 table "${tableName}" have different names and are linked as one project. Use one name in both tables.`,
        ),
      );
    }

    for (const c of columns) {
      const lp = linePath(c.column);
      const tp = path(head, 'budget', c.field);
      const where = `项目“${tableName}”${lineName === tableName ? '' : `（附件一中为“${lineName}”）`}`;
      const whereEn = `project "${tableName}"${lineName === tableName ? '' : ` ("${lineName}" in 附件一)`}`;
      if (c.lineValue !== null && c.tableValue !== null) {
        const gap = c.lineValue.minus(c.tableValue).abs();
        if (gap.isZero()) continue;
        const rounding = gap.lte(tol);
        out.push(
          finding(
            'X01',
            rounding ? 'info' : 'error',
            'basic',
            [lp, tp],
            amount(c.tableValue),
            amount(c.lineValue),
            `${where}：附件一${c.zh[0]} ${amount(c.lineValue)} 万元，附件三${c.zh[1]} ${amount(c.tableValue)} 万元，相差 ${amount(gap)} 万元${rounding ? '（尾数差异）' : ''}。两表应一致，请核对并更正其中一处。`,
            `${whereEn}: 附件一 ${c.en[0]} ${amount(c.lineValue)} vs 附件三 ${c.en[1]} ${amount(c.tableValue)} (a gap of ${amount(gap)}${rounding ? ', rounding' : ''}). The two tables must agree: correct one of them.`,
          ),
        );
      } else if (isNonZero(c.lineValue) || isNonZero(c.tableValue)) {
        // one side has an amount, the other is empty or ——: the figure is not carried over
        out.push(
          finding(
            'X01',
            'warning',
            'basic',
            [lp, tp],
            c.tableValue === null ? null : amount(c.tableValue),
            c.lineValue === null ? null : amount(c.lineValue),
            `${where}：附件一${c.zh[0]}为 ${fmt(c.lineValue)}，附件三${c.zh[1]}为 ${fmt(c.tableValue)}${c.tableValue === null ? '' : ' 万元'}。请在两表中填写同一金额。`,
            `${whereEn}: 附件一 ${c.en[0]} is ${fmtEn(c.lineValue)}, 附件三 ${c.en[1]} is ${fmtEn(c.tableValue)}. Fill in the same amount in both tables.`,
          ),
        );
      }
    }
  }

  // An unlinked 附件一 line with current-year figures (本年预算数 or 本年决算数, not 0): no 附件三 to check it against.
  for (const line of linesOnly) {
    const lineName = lines.get(line.projectId) as string;
    const budget = num(line.line.budget);
    const actual = num(line.line.actual);
    if (!isNonZero(budget) && !isNonZero(actual)) continue;
    out.push(
      finding(
        'X01',
        'warning',
        'basic',
        [path('basic', 'expense', `project:${lineName}`, 'budget'), path('basic', 'expense', `project:${lineName}`, 'actual')],
        null,
        budget === null ? null : amount(budget),
        `附件一项目支出“${lineName}”有本年数（预算数 ${fmt(budget)}、决算数 ${fmt(actual)}），但没有对应的附件三项目支出绩效自评表。请补填该项目的附件三，或与已有的项目表关联（名称不同时）。`,
        `附件一 line "${lineName}" has current-year figures (budget ${fmtEn(budget)}, actual ${fmtEn(actual)}) but no 附件三 table. Add the project's 附件三, or link it to its table if the names differ.`,
      ),
    );
  }

  // An unlinked 附件三 table with current-year amounts, once 附件一's 项目支出 is filled in at all.
  const basicProjectsFilled =
    state.projects.some((p) => p.lineName !== null && Object.values(p.line).some((v) => num(v) !== null)) ||
    Object.values(state.basic.expense.projects ?? {}).some((v) => num(v) !== null);
  if (basicProjectsFilled) {
    for (const t of tablesOnly) {
      const name = tables.get(t.projectId) as string;
      const full = fullOf(t.sheet.budget.total);
      const executed = num(t.sheet.budget.total?.executed);
      if (!isNonZero(full) && !isNonZero(executed)) continue;
      out.push(
        finding(
          'X01',
          'warning',
          `project:${name}`,
          [path(`project:${name}`, 'budget', 'full'), path(`project:${name}`, 'budget', 'executed')],
          null,
          full === null ? null : amount(full),
          `附件三项目“${name}”（全年预算数 ${fmt(full)}、全年执行数 ${fmt(executed)}）在附件一的项目支出中没有对应的一行。附件一应填报基本支出以外的所有项目支出：请补填该行，或与名称不同的行关联。`,
          `附件三 project "${name}" (full-year budget ${fmtEn(full)}, spending ${fmtEn(executed)}) has no line in 附件一's 项目支出, which lists every project. Add the line, or link it to a line printed under another name.`,
        ),
      );
    }
  }
  return out;
}

/**
 * X02: Σ 附件三 全年预算数 against 附件二's 项目支出 (`overall.funds.project`, a split of the full-year
 * budget); Σ 附件三 全年执行数 against the 项目支出 executed — 附件二 prints none, so the 项目支出 row's
 * 本年决算数 in 附件一 (`basic.expense.projects.actual`); where 附件一 states none, against 附件二's
 * 全年执行数 as a ceiling (the projects cannot have spent more than the whole unit).
 */
export function checkX02(input: RuleInput): Finding[] {
  const projects = projectTables(input.state);
  if (projects.length === 0) return [];
  const out: Finding[] = [];
  const fulls = projects.map((p) => fullOf(p.sheet.budget.total));
  const executeds = projects.map((p) => num(p.sheet.budget.total?.executed));
  const tol = tolerance(input, projects.length);
  const names = projects.map((p) => p.name).join('、');
  const sumOf = (values: (Dec | null)[]): Dec | null => (values.some((v) => v === null) ? null : (values as Dec[]).reduce((a, b) => a.plus(b)));
  const parts = (values: (Dec | null)[]) => projects.map((p, i) => `${p.name} ${fmt(values[i])}`).join(' + ');
  const partsEn = (values: (Dec | null)[]) => projects.map((p, i) => `${p.name} ${fmtEn(values[i])}`).join(' + ');

  const sumFull = sumOf(fulls);
  const fundsProject = statedAt(input, 'overall.funds.project');
  if (sumFull !== null && fundsProject !== null) {
    const gap = sumFull.minus(fundsProject).abs();
    if (!gap.isZero()) {
      const rounding = gap.lte(tol);
      out.push(
        finding(
          'X02',
          rounding ? 'info' : 'warning',
          'overall',
          ['overall.funds.project', ...projects.map((p) => path(p.table, 'budget', 'full'))],
          amount(sumFull),
          amount(fundsProject),
          `附件二“项目支出”为 ${amount(fundsProject)} 万元，各项目附件三全年预算数合计 ${amount(sumFull)} 万元（${parts(fulls)}），相差 ${amount(gap)} 万元${rounding ? '（尾数差异）' : ''}。请核对附件二的项目支出，或是否漏报、多报了项目表（现有：${names}）。`,
          `附件二 项目支出 is ${amount(fundsProject)}; the projects' 附件三 full-year budgets add up to ${amount(sumFull)} (${partsEn(fulls)}), a gap of ${amount(gap)}${rounding ? ' (rounding)' : ''}. Check 附件二's 项目支出, or whether a project table is missing or extra.`,
        ),
      );
    }
  }

  const sumExecuted = sumOf(executeds);
  if (sumExecuted === null) return out;
  const basicActual = statedAt(input, 'basic.expense.projects.actual');
  if (basicActual !== null) {
    const gap = sumExecuted.minus(basicActual).abs();
    if (!gap.isZero()) {
      const rounding = gap.lte(tol);
      out.push(
        finding(
          'X02',
          rounding ? 'info' : 'warning',
          'basic',
          ['basic.expense.projects.actual', ...projects.map((p) => path(p.table, 'budget', 'executed'))],
          amount(sumExecuted),
          amount(basicActual),
          `项目支出执行数：附件一“项目支出”本年决算数为 ${amount(basicActual)} 万元，各项目附件三全年执行数合计 ${amount(sumExecuted)} 万元（${parts(executeds)}），相差 ${amount(gap)} 万元${rounding ? '（尾数差异）' : ''}。请核对项目支出决算数与各项目表的执行数。`,
          `项目支出 spending: 附件一 states ${amount(basicActual)}; the projects' 附件三 spending adds up to ${amount(sumExecuted)} (${partsEn(executeds)}), a gap of ${amount(gap)}${rounding ? ' (rounding)' : ''}. Check the 项目支出 actual against the project tables.`,
        ),
      );
    }
    return out;
  }
  const overallExecuted = statedAt(input, 'overall.budget.executed');
  if (overallExecuted !== null && sumExecuted.gt(overallExecuted)) {
    const gap = sumExecuted.minus(overallExecuted);
    const rounding = gap.lte(tol);
    out.push(
      finding(
        'X02',
        rounding ? 'info' : 'warning',
        'overall',
        ['overall.budget.executed', ...projects.map((p) => path(p.table, 'budget', 'executed'))],
        amount(sumExecuted),
        amount(overallExecuted),
        `各项目附件三全年执行数合计 ${amount(sumExecuted)} 万元（${parts(executeds)}），超过附件二全年执行数 ${amount(overallExecuted)} 万元（多 ${amount(gap)} 万元）${rounding ? '，属尾数差异' : ''}。项目支出是部门支出的一部分，请核对各项目执行数与附件二的全年执行数。`,
        `The projects' 附件三 spending adds up to ${amount(sumExecuted)} (${partsEn(executeds)}), more than 附件二's total spending ${amount(overallExecuted)} (by ${amount(gap)}${rounding ? ', rounding' : ''}). Projects are part of the unit's spending: check both.`,
      ),
    );
  }
  return out;
}
