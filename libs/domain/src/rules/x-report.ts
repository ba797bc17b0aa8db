import { splitPath } from '../figure-path';
import { Dec } from '../filing/filing.figures';
import { withOccurrence } from '../filing/filing.paths';
import { quotedLabel } from '../filing/report-lexicon';
import type { Finding, RuleInput } from './rule.types';
import type { ProjectTable } from './xp-common';
import { amount, finding, fullOf, num, path, percent, plain, printedHalfUnit, projectTables, statedAt, statedOrComputed, tolerance } from './xp-common';

/**
 * X03 (anomaly-rules.md "Report figures"): a figure the narrative report quotes, for a label of the
 * quoted-figure lexicon (`QUOTED_LABELS`), against the table figure the label names. A quote about
 * 项目支出 (`project:*.…`) may speak of all projects, of one project, or of the projects of the general
 * public budget (the report's section 二 does); it is raised only when no such reading matches.
 */

interface Reading {
  zh: string;
  en: string;
  value: Dec;
  /** how many figures were summed (the rounding tolerance is 0.01 per term) */
  terms: number;
  paths: string[];
}

type Unit = 'amount' | 'count' | 'rate';

function unitOf(equals: string): Unit {
  if (equals.startsWith('basic.staffing.') && !equals.endsWith('controlRate')) return 'count';
  if (equals.endsWith('.rate') || equals.endsWith('Rate')) return 'rate';
  return 'amount';
}

const UNIT_ZH: Record<Unit, string> = { amount: ' 万元', count: ' 人', rate: '%' };
const UNIT_EN: Record<Unit, string> = { amount: '', count: ' people', rate: '%' };
/** The table figures the lexicon names, as a finance officer calls them. */
const FIGURE_NAMES: Record<string, [string, string]> = {
  'overall.funds.generalPublic': ['附件二“一般公共预算”', '附件二 一般公共预算'],
  'overall.funds.basic': ['附件二“基本支出”', '附件二 基本支出'],
  'overall.funds.project': ['附件二“项目支出”', '附件二 项目支出'],
  'overall.funds.govFund': ['附件二“政府性基金拨款”', '附件二 政府性基金拨款'],
  'overall.budget.full': ['附件二全年预算数', '附件二 full-year budget'],
  'overall.budget.executed': ['附件二全年执行数', '附件二 spending'],
  'overall.budget.rate': ['附件二执行率', '附件二 execution rate'],
  'basic.staffing.authorized': ['附件一编制数', '附件一 establishment'],
  'basic.staffing.actual': ['附件一实际在职人数', '附件一 staff in post'],
};

const show = (d: Dec, unit: Unit): string => (unit === 'amount' ? amount(d) : unit === 'rate' ? percent(d) : plain(d));

/** One project's figure for a `project:*.<field>` label; `budget.adjustment` is 全年 − 年初 (年初 empty as 0). */
function projectValue(input: RuleInput, p: ProjectTable, field: string): { value: Dec | null; paths: string[] } {
  const row = p.sheet.budget.total;
  if (field === 'budget.adjustment') {
    const full = fullOf(row);
    return { value: full === null ? null : full.minus(num(row?.initial) ?? new Dec(0)), paths: [path(p.table, 'budget', 'full'), path(p.table, 'budget', 'initial')] };
  }
  const segments = splitPath(field);
  if (field === 'budget.full') return { value: fullOf(row), paths: [path(p.table, ...segments)] };
  return { value: statedOrComputed(input, path(p.table, ...segments)), paths: [path(p.table, ...segments)] };
}

/** The readings of a 项目支出 quote: all projects; each project; the projects not funded by 政府性基金. */
function projectReadings(input: RuleInput, field: string): Reading[] {
  const projects = projectTables(input.state);
  const values = projects.map((p) => ({ p, ...projectValue(input, p, field) }));
  const readings: Reading[] = [];
  const sum = (list: typeof values): Reading | null => {
    if (list.length === 0 || list.some((v) => v.value === null)) return null;
    return { zh: '', en: '', value: list.reduce((a, v) => a.plus(v.value as Dec), new Dec(0)), terms: list.length, paths: list.flatMap((v) => v.paths) };
  };
  const all = sum(values);
  if (all) readings.push({ ...all, zh: projects.length === 1 ? `项目“${projects[0].name}”` : '各项目合计', en: projects.length === 1 ? `project "${projects[0].name}"` : 'all projects' });
  if (projects.length > 1) {
    for (const v of values) if (v.value !== null) readings.push({ zh: `项目“${v.p.name}”`, en: `project "${v.p.name}"`, value: v.value, terms: 1, paths: v.paths });
    // 政府性基金 projects: those whose full-year budget is the 政府性基金 amount of 附件二 (the report's 一般公共预算 section leaves them out)
    const govFund = statedAt(input, 'overall.funds.govFund');
    if (govFund !== null && !govFund.isZero()) {
      const rest = values.filter((v) => !(fullOf(v.p.sheet.budget.total)?.equals(govFund) ?? false));
      const general = rest.length >= 2 && rest.length < values.length ? sum(rest) : null;
      if (general) readings.push({ ...general, zh: `一般公共预算项目（${rest.map((v) => v.p.name).join('、')}）合计`, en: `the general-public-budget projects (${rest.map((v) => v.p.name).join(', ')})` });
    }
  }
  return readings;
}

/** 附件二's 全年执行数 equals its 全年预算数 (stated figures): then a spending quote can be read against the budget split. */
function fullySpent(input: RuleInput): boolean {
  const full = num(input.figures['overall.budget.full'] ?? null);
  const executed = num(input.figures['overall.budget.executed'] ?? null);
  return full !== null && executed !== null && full.equals(executed);
}

/** X03: every quoted figure whose label names a table figure. */
export function checkX03(input: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const q of input.state.report.quoted) {
    const lexicon = quotedLabel(q.label);
    if (!lexicon || lexicon.equals === null) continue;
    if (lexicon.spending && !fullySpent(input)) continue; // 附件二 splits the budget, not the spending, by source
    const quoted = num(q.value);
    if (quoted === null) continue;
    const display = withOccurrence(q.label, q.occurrence);
    const quotedPath = path('report', 'quoted', display);
    const equals = lexicon.equals;
    let readings: Reading[];
    let unit: Unit;
    if (equals.startsWith('project:*.')) {
      readings = projectReadings(input, equals.slice('project:*.'.length));
      unit = 'amount';
    } else {
      const value = statedOrComputed(input, equals);
      const [zh, en] = FIGURE_NAMES[equals] ?? [equals, equals];
      readings = value === null ? [] : [{ zh, en, value, terms: 1, paths: [equals] }];
      unit = unitOf(equals);
    }
    if (readings.length === 0) continue;
    const halfUnit = printedHalfUnit(q.value);
    const gaps = readings.map((r) => ({ r, gap: quoted.minus(r.value).abs(), tol: Dec.max(tolerance(input, r.terms), halfUnit) }));
    if (gaps.some((g) => g.gap.isZero())) continue;
    const near = gaps.find((g) => g.gap.lte(g.tol));
    const main = near ?? gaps[0];
    const u = UNIT_ZH[unit];
    const ue = UNIT_EN[unit];
    const others = readings.length > 1 ? `（可比口径：${readings.map((r) => `${r.zh} ${show(r.value, unit)}`).join('；')}）` : '';
    const othersEn = readings.length > 1 ? ` (readings: ${readings.map((r) => `${r.en} ${show(r.value, unit)}`).join('; ')})` : '';
    const target = main.r.zh;
    out.push(
      finding(
        'X03',
        near ? 'info' : 'warning',
        'report',
        [quotedPath, ...main.r.paths],
        show(main.r.value, unit),
        show(quoted, unit),
        near
          ? `附件四报告中的“${q.label}”为 ${show(quoted, unit)}${u}，表中对应数（${target}）为 ${show(main.r.value, unit)}${u}，相差 ${show(main.gap, unit)}${u}，属尾数差异。可按表中数字统一报告文字。`
          : `附件四报告中的“${q.label}”为 ${show(quoted, unit)}${u}，与表中对应数不一致：${target} ${show(main.r.value, unit)}${u}，相差 ${show(main.gap, unit)}${u}${others}。请核对报告文字或表格数字，使两者一致。`,
        near
          ? `The report quotes ${q.label} as ${show(quoted, unit)}${ue}; the tables (${main.r.en}) give ${show(main.r.value, unit)}${ue}, a rounding gap of ${show(main.gap, unit)}.`
          : `The report quotes ${q.label} as ${show(quoted, unit)}${ue}, but ${main.r.en} gives ${show(main.r.value, unit)}${ue} (a gap of ${show(main.gap, unit)})${othersEn}. Make the report and the tables agree.`,
      ),
    );
  }
  return out;
}
