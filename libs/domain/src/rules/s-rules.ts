import { joinPath } from '../figure-path';
import { Dec, computedFullBudget } from '../filing/filing.figures';
import { indicatorDisplayNames, projectDisplayNames } from '../filing/filing.paths';
import type { FilingState, IndicatorState } from '../filing/filing.state';
import type { FilingScore, TableScore } from '../scoring/score.types';
import type { ScoringTemplate } from '../scoring/template.types';
import type { Finding, Severity } from './rule.types';
import { robustSample } from './robust-stats';
import type { RobustSample } from './robust-stats';
import { num, saThreshold, show, two } from './sa-common';

/**
 * Group S of anomaly-rules.md: statistics across the units of one county and year, computed by background
 * jobs. Pure functions of the county's filings; docs/rules.md says what each compares.
 */

export interface CountyUnit {
  code: string;
  name: string;
}

/** One unit's filing for the year: its folded state and its score under its own template. */
export interface CountyFilingInput {
  unit: CountyUnit;
  state: FilingState;
  /** scoreFiling(state, template) */
  score: FilingScore;
  /** the template the filing is scored with */
  template: ScoringTemplate;
}

export interface CountyRuleInput {
  /** the county's filings for one year, one per unit */
  filings: CountyFilingInput[];
  /**
   * The round's template, whose `parameters.anomalies` hold the thresholds (S01RobustZ, S02RobustZ,
   * statisticsMinFilings, P04Similarity, P04MinIndicators). Absent: the template most filings are scored
   * with (the first such in input order on a tie); with no filing, the defaults.
   */
  template?: ScoringTemplate | null;
}

/** A county finding is about one unit (`table` is `county`; `paths` are cells of that unit's filing). */
export type CountyFinding = Finding & { unitCode: string };

export interface CountyRule {
  id: string;
  group: 'S';
  title: string;
  defaultSeverity: Severity;
  check(input: CountyRuleInput): CountyFinding[];
}

/** The template whose thresholds apply: the round's, else the one most filings are scored with. */
export function countyTemplate(input: CountyRuleInput): ScoringTemplate | null {
  if (input.template) return input.template;
  const counts = new Map<string, { template: ScoringTemplate; n: number }>();
  for (const f of input.filings) {
    if (!f.template) continue;
    const key = `${f.template.id}@${f.template.version}`;
    const entry = counts.get(key) ?? { template: f.template, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  let best: { template: ScoringTemplate; n: number } | null = null;
  for (const entry of counts.values()) if (best === null || entry.n > best.n) best = entry;
  return best?.template ?? null;
}

const unitLabel = (u: CountyUnit) => `“${u.name}”（单位编码 ${u.code}）`;
const unitLabelEn = (u: CountyUnit) => `"${u.name}" (${u.code})`;
/** A robust z-score in a message: one decimal, a true minus sign. */
const zText = (z: Dec) => z.toFixed(1, Dec.ROUND_HALF_UP).replace('-', '−');
const minFilingsOf = (template: ScoringTemplate | null) => Math.ceil(saThreshold(template, 'statisticsMinFilings').toNumber());

/** The robust sample of a per-unit value, or null when the rule is skipped (too few values, MAD 0). */
function sampleOf<T>(input: CountyRuleInput, valueOf: (f: CountyFilingInput) => T | null, number: (v: T) => Dec): RobustSample<{ filing: CountyFilingInput; value: T }> | null {
  const template = countyTemplate(input);
  const items: { item: { filing: CountyFilingInput; value: T }; value: Dec }[] = [];
  for (const filing of input.filings) {
    let value: T | null = null;
    try {
      value = valueOf(filing);
    } catch {
      value = null; // a filing whose figures cannot be read leaves the sample
    }
    if (value !== null) items.push({ item: { filing, value }, value: number(value) });
  }
  return robustSample(items, minFilingsOf(template));
}

// ---------------------------------------------------------------------------------------------------
// S01 self score against the computed score

interface ScoreGap {
  /** the stated 总分 自评得分 and the suggested total, both on a 100-point scale */
  stated: Dec;
  suggested: Dec;
  gap: Dec;
  scaled: boolean;
}

const overallOf = (score: FilingScore): TableScore | undefined => score?.tables?.find((t) => t.table === 'overall');

/**
 * A unit's 附件二 总分 自评得分 minus the platform's suggested total, each on a 100-point scale (the stated
 * score over the printed 总分 分值, 100 when none is printed; the suggested one over the weight it is out
 * of). Null when no 总分 is stated or nothing in 附件二 is scored yet.
 */
export function selfScoreGapOf(f: CountyFilingInput): ScoreGap | null {
  const t = overallOf(f.score);
  if (!t) return null;
  const stated = num(t.total.stated.score);
  const suggested = num(t.total.suggested);
  const weight = num(t.total.weight);
  const scored = t.execution?.status === 'scored' || t.indicators.some((i) => i.status === 'scored');
  if (stated === null || suggested === null || weight === null || weight.lte(0) || !scored) return null;
  const printedWeight = num(t.total.stated.weight);
  const statedWeight = printedWeight !== null && printedWeight.gt(0) ? printedWeight : new Dec(100);
  const stated100 = stated.times(100).dividedBy(statedWeight).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  const suggested100 = suggested.times(100).dividedBy(weight).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  return { stated: stated100, suggested: suggested100, gap: stated100.minus(suggested100), scaled: !statedWeight.equals(100) || !weight.equals(100) };
}

/**
 * S01: the gap between a unit's self score and the computed score is an outlier among the county's units:
 * |robust z| > S01RobustZ. Both tails: a self score far above the computed one (likely inflated) is a
 * `warning`; far below it (often figures that make the computed score too high) is `info`.
 */
export function checkS01(input: CountyRuleInput): CountyFinding[] {
  const limit = saThreshold(countyTemplate(input), 'S01RobustZ');
  const sample = sampleOf(input, selfScoreGapOf, (g) => g.gap);
  if (!sample) return [];
  const n = sample.items.length;
  const out: CountyFinding[] = [];
  for (const { item, z } of sample.items) {
    if (!z.abs().gt(limit)) continue;
    const { filing, value: g } = item;
    const above = z.isPositive();
    const scale = g.scaled ? '（均折算为百分制）' : '';
    const diff = above ? `自评比计算得分高 ${show(g.gap)} 分` : `自评比计算得分低 ${show(g.gap.abs())} 分`;
    const todo = above
      ? '请核实各项自评得分的依据，按评分标准逐项重新评分，或在自评报告中说明理由。'
      : '请核实各项指标的实际完成值和预算执行数是否如实填报（计算得分依据这些数据），以及自评得分是否漏记。';
    out.push({
      unitCode: filing.unit.code,
      ruleId: 'S01',
      severity: above ? 'warning' : 'info',
      table: 'county',
      paths: ['overall.total.score'],
      expected: two(sample.median),
      actual: two(g.gap),
      message:
        `单位${unitLabel(filing.unit)}附件二自评总分 ${show(g.stated)} 分，平台按评分模板计算的得分为 ${show(g.suggested)} 分${scale}，${diff}；` +
        `全县 ${n} 个单位“自评总分 − 计算得分”的中位数为 ${show(sample.median)} 分（中位数绝对偏差 ${show(sample.mad)} 分），该单位的稳健 Z 值为 ${zText(z)}，超出 ±${show(limit)}，明显${above ? '高于' : '低于'}全县水平。${todo}`,
      messageEn:
        `Unit ${unitLabelEn(filing.unit)}: the stated 附件二 total ${show(g.stated)} against the computed ${show(g.suggested)}${g.scaled ? ' (on a 100-point scale)' : ''}, a gap of ${show(g.gap)}; ` +
        `the county median gap over ${n} units is ${show(sample.median)} (MAD ${show(sample.mad)}), robust z ${z.toFixed(1, Dec.ROUND_HALF_UP)} beyond ±${show(limit)}. ` +
        (above ? 'The self score is likely inflated: check the evidence for each item score.' : 'Check the actuals and spending the computed score is based on, and any missing item scores.'),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// S02 execution rate

interface Execution {
  rate: Dec;
  executed: Dec | null;
  full: Dec | null;
}

/**
 * A unit's 附件二 执行率 in percent (2 decimals): 全年执行数 ÷ 全年预算数 (the stated 全年, else 年初 + the
 * recorded adjustments), else the stated 执行率 when printed with `%`. Null for a 0 budget or no figures.
 */
export function executionRateOf(f: CountyFilingInput): Execution | null {
  const row = f.state?.overall?.budget?.total;
  if (!row) return null;
  const full = num(row.full) ?? computedFullBudget(row);
  const executed = num(row.executed);
  if (full !== null && executed !== null) {
    if (full.isZero()) return null;
    return { rate: executed.dividedBy(full).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP), executed, full };
  }
  if (row.rate !== null && row.rate.trim().endsWith('%')) {
    const stated = num(row.rate);
    if (stated !== null) return { rate: stated, executed: null, full: null };
  }
  return null;
}

/** S02: a unit's 执行率 is an outlier among the county's units: |robust z| > S02RobustZ, both tails, `info`. */
export function checkS02(input: CountyRuleInput): CountyFinding[] {
  const limit = saThreshold(countyTemplate(input), 'S02RobustZ');
  const sample = sampleOf(input, executionRateOf, (e) => e.rate);
  if (!sample) return [];
  const n = sample.items.length;
  const out: CountyFinding[] = [];
  for (const { item, z } of sample.items) {
    if (!z.abs().gt(limit)) continue;
    const { filing, value: e } = item;
    const low = z.isNegative();
    const figures = e.executed !== null && e.full !== null ? `（全年执行数 ${two(e.executed)} 万元 ÷ 全年预算数 ${two(e.full)} 万元）` : '（表中填报）';
    const todo = low
      ? '请核实全年执行数是否填报完整，并在偏差原因分析中说明未执行的原因及改进措施。'
      : '请核实全年执行数和全年预算数（预算调整是否已记录），执行数超过预算的须说明资金来源。';
    out.push({
      unitCode: filing.unit.code,
      ruleId: 'S02',
      severity: 'info',
      table: 'county',
      paths: ['overall.budget.rate', 'overall.budget.executed', 'overall.budget.full'],
      expected: two(sample.median),
      actual: two(e.rate),
      message:
        `单位${unitLabel(filing.unit)}预算执行率为 ${show(e.rate)}%${figures}；全县 ${n} 个单位执行率的中位数为 ${show(sample.median)}%（中位数绝对偏差 ${show(sample.mad)} 个百分点），` +
        `该单位的稳健 Z 值为 ${zText(z)}，超出 ±${show(limit)}，明显${low ? '低于' : '高于'}全县水平。${todo}`,
      messageEn:
        `Unit ${unitLabelEn(filing.unit)}: execution rate ${show(e.rate)}% against a county median of ${show(sample.median)}% over ${n} units (MAD ${show(sample.mad)} percentage points), ` +
        `robust z ${z.toFixed(1, Dec.ROUND_HALF_UP)} beyond ±${show(limit)}. ${low ? 'Check that all spending is recorded and explain what was not spent.' : 'Check the spending and the full-year budget (are the adjustments recorded?).'}`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// S03 indicator sets copied across units

interface IndicatorSet {
  /** (一级, 二级, name) keys */
  keys: Set<string>;
  /** the first cell of each key in the unit's filing (附件二 first, then each 附件三 in order): its 年度指标值 */
  pathOf: Map<string, string>;
}

const keyOf = (i: IndicatorState) => `${i.level1}\u0000${i.level2}\u0000${i.name}`;

/** The set of (一级, 二级, name) over all of a unit's tables (附件二 and every 附件三), ignoring values. */
export function indicatorSetOf(state: FilingState): IndicatorSet {
  const keys = new Set<string>();
  const pathOf = new Map<string, string>();
  const { tables } = projectDisplayNames(state);
  const sheets = [
    { table: 'overall', indicators: state.overall.indicators },
    ...state.projects.filter((p) => p.name !== null && tables.has(p.projectId)).map((p) => ({ table: `project:${tables.get(p.projectId)}`, indicators: p.sheet.indicators })),
  ];
  for (const s of sheets) {
    const names = indicatorDisplayNames(s.indicators);
    for (const i of s.indicators) {
      const key = keyOf(i);
      keys.add(key);
      if (!pathOf.has(key)) pathOf.set(key, joinPath([s.table, 'indicators', i.level1, i.level2, names.get(i.indicatorId) ?? i.name, 'target']));
    }
  }
  return { keys, pathOf };
}

/**
 * S03: a unit's indicator set is (nearly) another unit's: Jaccard similarity ≥ P04Similarity, both sets
 * holding at least P04MinIndicators indicators. Which unit copied cannot be told from the filings, so
 * every unit of a matching pair gets the finding: one `info` per unit, naming every unit it matches (most
 * similar first). Skipped below statisticsMinFilings filings.
 */
export function checkS03(input: CountyRuleInput): CountyFinding[] {
  const template = countyTemplate(input);
  if (input.filings.length === 0 || input.filings.length < minFilingsOf(template)) return [];
  const similarity = saThreshold(template, 'P04Similarity');
  const minimum = saThreshold(template, 'P04MinIndicators');
  const sets = input.filings.map((f) => {
    try {
      return indicatorSetOf(f.state);
    } catch {
      return null;
    }
  });
  const matches = input.filings.map(() => [] as { other: number; jaccard: Dec; shared: string[] }[]);
  for (let a = 0; a < input.filings.length; a++) {
    for (let b = a + 1; b < input.filings.length; b++) {
      const A = sets[a];
      const B = sets[b];
      if (!A || !B || A.keys.size < minimum.toNumber() || B.keys.size < minimum.toNumber()) continue;
      if (input.filings[a].unit.code === input.filings[b].unit.code) continue;
      const shared = [...A.keys].filter((k) => B.keys.has(k));
      const union = A.keys.size + B.keys.size - shared.length;
      const jaccard = new Dec(shared.length).dividedBy(union);
      if (jaccard.lt(similarity)) continue;
      matches[a].push({ other: b, jaccard, shared });
      matches[b].push({ other: a, jaccard, shared });
    }
  }
  const out: CountyFinding[] = [];
  input.filings.forEach((filing, u) => {
    const mine = matches[u];
    const set = sets[u];
    if (mine.length === 0 || !set) return;
    mine.sort((x, y) => y.jaccard.comparedTo(x.jaccard) || input.filings[x.other].unit.code.localeCompare(input.filings[y.other].unit.code));
    const shared = new Set(mine.flatMap((m) => m.shared));
    const paths = [...set.pathOf.entries()].filter(([key]) => shared.has(key)).map(([, path]) => path);
    const others = mine.map((m) => {
      const other = input.filings[m.other].unit;
      const j = m.jaccard.toFixed(2, Dec.ROUND_HALF_UP);
      return { zh: `“${other.name}”（单位编码 ${other.code}，相同 ${m.shared.length} 项，相似度 ${j}）`, en: `"${other.name}" (${other.code}: ${m.shared.length} shared, Jaccard ${j})` };
    });
    const best = mine[0].jaccard;
    out.push({
      unitCode: filing.unit.code,
      ruleId: 'S03',
      severity: 'info',
      table: 'county',
      paths,
      expected: similarity.toFixed(),
      actual: best.toFixed(2, Dec.ROUND_HALF_UP),
      message:
        `单位${unitLabel(filing.unit)}的绩效指标（共 ${set.keys.size} 项，按一级指标、二级指标和指标名称比较）与本县${others.map((o) => o.zh).join('、')}的指标高度相似（相似度不低于 ${similarity.toFixed()}），疑似照搬其他单位的指标。` +
        '请结合本单位的职能、资金用途和年度工作任务设定绩效指标；如系财政局统一下发的共性指标，可说明后忽略本提示。',
      messageEn: `Unit ${unitLabelEn(filing.unit)}: its ${set.keys.size} indicators (by 一级, 二级 and name) are nearly those of ${others.map((o) => o.en).join(', ')} (Jaccard ≥ ${similarity.toFixed()}): likely copied. Set indicators from the unit's own duties and spending.`,
    });
  });
  return out;
}

/** Group S of anomaly-rules.md, in catalogue order. */
export const COUNTY_RULES: readonly CountyRule[] = Object.freeze([
  { id: 'S01', group: 'S', title: '自评得分与计算得分之差异常', defaultSeverity: 'warning', check: checkS01 },
  { id: 'S02', group: 'S', title: '预算执行率异常', defaultSeverity: 'info', check: checkS02 },
  { id: 'S03', group: 'S', title: '绩效指标与其他单位雷同', defaultSeverity: 'info', check: checkS03 },
] satisfies CountyRule[]);

/** Runs the S rules over one county's filings for a year (skipped below statisticsMinFilings, or with MAD 0). */
export function checkCounty(input: CountyRuleInput, rules: readonly CountyRule[] = COUNTY_RULES): CountyFinding[] {
  return rules.flatMap((rule) => rule.check(input));
}
