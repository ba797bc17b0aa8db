import { Dec, numericOf } from '../filing/filing.figures';
import type { IndicatorState } from '../filing/filing.state';
import type { Operator, ParsedActual, ParsedTarget } from '../scoring/target';
import { qualitativeTier } from '../scoring/target';
import type { CSheet } from './c-support';
import { explainsNothing, findingOf, indicatorLabel, indicatorLabelEn, indicatorPath, pathOf, rowOf, sheetsOf, show, two } from './c-support';
import type { Finding, Rule } from './rule.types';

/** C05, C13, C14: one row's self score against its weight, its target and its 偏差原因. */

export const C05: Rule = {
  id: 'C05',
  group: 'C',
  title: '自评得分为负数或超过分值',
  defaultSeverity: 'error',
  check(input) {
    const findings: Finding[] = [];
    const one = (s: CSheet, label: string, labelEn: string, scorePath: string, weightPath: string, scoreCell: string | null, weightCell: string | null) => {
      const score = numericOf(scoreCell);
      if (score === null) return;
      const weight = numericOf(weightCell);
      if (score.isNegative()) {
        findings.push(
          findingOf(C05, {
            table: s.table,
            paths: [scorePath, weightPath],
            expected: two(new Dec(0)),
            actual: two(score),
            message: `${s.label}${label}自评得分为 ${show(score)}，得分不能为负数`,
            messageEn: `${s.labelEn}: ${labelEn} scores ${show(score)}; a score cannot be negative`,
          }),
        );
      } else if (weight !== null && score.gt(weight)) {
        findings.push(
          findingOf(C05, {
            table: s.table,
            paths: [scorePath, weightPath],
            expected: two(weight),
            actual: two(score),
            message: `${s.label}${label}自评得分 ${show(score)} 超过分值 ${show(weight)}`,
            messageEn: `${s.labelEn}: ${labelEn} scores ${show(score)}, above its weight ${show(weight)}`,
          }),
        );
      }
    };
    for (const s of sheetsOf(input)) {
      const row = s.sheet.budget.total;
      if (row) one(s, '预算执行率（年度资金总额）', 'the execution row', pathOf(s.table, 'budget', 'score'), pathOf(s.table, 'budget', 'weight'), row.score, row.weight);
      for (const i of s.sheet.indicators) one(s, indicatorLabel(s, i), indicatorLabelEn(s, i), indicatorPath(s, i, 'score'), indicatorPath(s, i, 'weight'), i.score, i.weight);
    }
    return findings;
  },
};

/** Whether an actual meets its target (anomaly-rules.md "Meeting a target"), or null when that cannot be judged. */
export interface Meeting {
  met: boolean;
  /** the operator the target states (or implies) */
  operator: Operator | null;
  /** actual ÷ target × 100, for a numeric target above 0 */
  percent: Dec | null;
}

/**
 * With an operator, as the operator says (`>` and `<` strict, `=` equal); with none, the parser's implied
 * one (`≤` on a 成本 indicator, `≥` elsewhere, `=` for a bare 0). A qualitative target is met when the actual
 * equals it or its text before the first comma, or is a 达成 tier word; a 部分达成/未达成 tier misses it.
 * Anything else — an unparsed target or actual, different units, text against a number, `——` — is null.
 */
export function meeting(target: ParsedTarget, actual: ParsedActual): Meeting | null {
  if (target.kind === 'numeric') {
    if (actual.kind !== 'numeric') return null;
    // a count or amount printed without its unit is read in the target's; a bare number against % is not
    if (actual.unit !== target.unit && (actual.unit !== '' || target.unit === '%')) return null;
    const t = new Dec(target.number);
    const a = new Dec(actual.number);
    if (t.isNegative()) return null;
    const met = { '>=': a.gte(t), '>': a.gt(t), '<=': a.lte(t), '<': a.lt(t), '=': a.eq(t) }[target.operator];
    return { met, operator: target.operator, percent: t.gt(0) ? a.times(100).dividedBy(t) : null };
  }
  if (target.kind === 'qualitative') {
    if (actual.kind !== 'qualitative') return null;
    const tier = qualitativeTier(target, actual);
    if (tier === null) return null;
    return { met: tier === 'achieved', operator: null, percent: null };
  }
  return null;
}

interface Judged {
  s: CSheet;
  i: IndicatorState;
  target: ParsedTarget;
  actual: ParsedActual;
  suggested: string | null;
  m: Meeting | null;
  score: Dec | null;
  weight: Dec | null;
}

/** Every indicator row of every table, with the scorer's parsed target and actual. */
function judged(input: Parameters<Rule['check']>[0]): Judged[] {
  const out: Judged[] = [];
  for (const s of sheetsOf(input)) {
    for (const i of s.sheet.indicators) {
      const row = rowOf(s, i.indicatorId);
      if (!row) continue;
      out.push({ s, i, target: row.target, actual: row.actual, suggested: row.suggested, m: meeting(row.target, row.actual), score: numericOf(i.score), weight: numericOf(i.weight) });
    }
  }
  return out;
}

const printedOf = (p: ParsedTarget | ParsedActual): string => p.printed.trim();

export const C13: Rule = {
  id: 'C13',
  group: 'C',
  title: '自评得分与完成情况矛盾',
  defaultSeverity: 'warning',
  check(input) {
    const findings: Finding[] = [];
    for (const j of judged(input)) {
      const { s, i, m, score, weight } = j;
      if (m === null || score === null || weight === null || !weight.gt(0)) continue;
      const paths = [indicatorPath(s, i, 'score'), indicatorPath(s, i, 'target'), indicatorPath(s, i, 'actual'), indicatorPath(s, i, 'weight')];
      const label = indicatorLabel(s, i);
      const t = printedOf(j.target);
      const a = printedOf(j.actual);
      if (m.met && score.lt(weight)) {
        findings.push(
          findingOf(C13, {
            table: s.table,
            paths,
            expected: two(weight),
            actual: two(score),
            message: `${s.label}${label}实际完成值 ${a} 已达到年度指标值 ${t}，自评得分 ${show(score)} 却低于分值 ${show(weight)}：请核对得分，或在偏差原因中说明扣分理由`,
            messageEn: `${s.labelEn}: ${indicatorLabelEn(s, i)} meets its target (${a} against ${t}) yet scores ${show(score)} of ${show(weight)}`,
          }),
        );
      } else if (!m.met && score.gte(weight)) {
        const suggested = j.suggested === null ? null : numericOf(j.suggested);
        const expected = suggested !== null && suggested.lt(weight) ? suggested : null;
        findings.push(
          findingOf(C13, {
            table: s.table,
            paths,
            expected: expected === null ? null : two(expected),
            actual: two(score),
            message: `${s.label}${label}实际完成值 ${a} 未达到年度指标值 ${t}，自评得分却为满分 ${show(score)}${expected === null ? '' : `（按评价模板应为 ${show(expected)}）`}：请核对得分`,
            messageEn: `${s.labelEn}: ${indicatorLabelEn(s, i)} misses its target (${a} against ${t}) yet scores full marks (${show(score)})${expected === null ? '' : `; the template suggests ${show(expected)}`}`,
          }),
        );
      }
    }
    return findings;
  },
};

export const C14: Rule = {
  id: 'C14',
  group: 'C',
  title: '未完成目标或扣分但未填偏差原因',
  defaultSeverity: 'warning',
  check(input) {
    const findings: Finding[] = [];
    const dev = input.template.parameters.deviation;
    for (const j of judged(input)) {
      const { s, i, m, score, weight } = j;
      if (!explainsNothing(i.deviation)) continue;
      // `——` target or actual: the row does not apply, there is nothing to explain
      if (j.target.kind === 'notApplicable' || j.actual.kind === 'notApplicable') continue;
      const t = printedOf(j.target);
      const a = printedOf(j.actual);
      const zh: string[] = [];
      const en: string[] = [];
      if (m !== null && !m.met) {
        zh.push(`实际完成值 ${a} 未达到年度指标值 ${t}`);
        en.push(`the actual ${a} misses the target ${t}`);
      }
      if (dev.scoreBelowWeight && score !== null && weight !== null && score.lt(weight)) {
        zh.push(`自评得分 ${show(score)} 低于分值 ${show(weight)}`);
        en.push(`it scores ${show(score)} of ${show(weight)}`);
      }
      if (m !== null && m.met && m.percent !== null) {
        const lower = m.operator === '<=' || m.operator === '<';
        const upper = m.operator === '>=' || m.operator === '>';
        const over = numericOf(dev.overAchievement);
        const under = numericOf(dev.underAchievement);
        if (upper && over !== null && m.percent.gte(over)) {
          zh.push(`实际完成值 ${a} 为年度指标值 ${t} 的 ${show(m.percent)}%（超额完成，达到 ${show(over)}% 以上）`);
          en.push(`the actual ${a} is ${show(m.percent)}% of the target ${t} (at or above ${show(over)}%)`);
        }
        if (lower && under !== null && m.percent.lte(under)) {
          zh.push(`实际完成值 ${a} 仅为年度指标值 ${t} 的 ${show(m.percent)}%（不高于 ${show(under)}%，目标可能定得过宽）`);
          en.push(`the actual ${a} is only ${show(m.percent)}% of the target ${t} (at or below ${show(under)}%)`);
        }
      }
      if (zh.length === 0) continue;
      findings.push(
        findingOf(C14, {
          table: s.table,
          paths: [indicatorPath(s, i, 'deviation'), indicatorPath(s, i, 'target'), indicatorPath(s, i, 'actual'), indicatorPath(s, i, 'weight'), indicatorPath(s, i, 'score')],
          expected: null,
          actual: null,
          message: `${s.label}${indicatorLabel(s, i)}${zh.join('，')}，但“偏差原因分析及改进措施”未填写：请说明偏差原因及改进措施`,
          messageEn: `${s.labelEn}: ${indicatorLabelEn(s, i)}: ${en.join('; ')}, and its deviation analysis (偏差原因分析及改进措施) is empty`,
        }),
      );
    }
    return findings;
  },
};
