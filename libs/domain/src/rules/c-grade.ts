import { Dec, numericOf } from '../filing/filing.figures';
import { gradeOfWord } from '../filing/report-lexicon';
import { gradeOf } from '../scoring/grades';
import { findingOf, nonNull, pathOf, sheetsOf, show, total } from './c-support';
import type { Rule } from './rule.types';

/**
 * C15: the grade the report states (附件四 section 九) against the band of 附件二's total (anomaly-rules.md
 * "Grade"): the execution score + Σ the stated indicator scores, scaled to 100 when the weights add up to
 * something else. The execution score is the template's (C07's expected value, on the stated 分值) where
 * the figures allow it, else the stated one. The stated word is mapped 优秀→优, 良好→良, 合格/中等→中,
 * 不合格/较差→差 (`gradeOfWord`); a word that is no grade is not compared.
 */
export const C15: Rule = {
  id: 'C15',
  group: 'C',
  title: '报告所述等级与计算总分的等级不符',
  defaultSeverity: 'warning',
  check(input) {
    const printed = input.state.report.statedGrade;
    const stated = gradeOfWord(printed);
    if (stated === null || printed === null) return [];
    const s = sheetsOf(input).find((x) => x.kind === 'overall');
    if (!s) return [];
    const row = s.sheet.budget.total;
    let execScore: Dec | null = null;
    let execWeight: Dec | null = null;
    const ex = s.score?.execution;
    const templateWeight = ex ? numericOf(ex.weight) : null;
    const suggested = ex?.suggested == null ? null : numericOf(ex.suggested);
    if (ex && ex.status === 'scored' && !ex.needsReview && ex.method !== 'manual' && ex.method !== null && suggested !== null && templateWeight !== null && templateWeight.gt(0)) {
      execWeight = numericOf(row?.weight ?? null) ?? templateWeight;
      execScore = suggested.times(execWeight).dividedBy(templateWeight).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    } else {
      execScore = numericOf(row?.score ?? null);
      execWeight = execScore === null ? null : numericOf(row?.weight ?? null);
      if (execWeight === null) execScore = null;
    }
    const scores = s.sheet.indicators.map((i) => numericOf(i.score)).filter(nonNull);
    if (scores.length === 0) return [];
    const weights = s.sheet.indicators.map((i) => numericOf(i.weight)).filter(nonNull);
    const indicatorScore = total(scores);
    const score = indicatorScore.plus(execScore ?? 0);
    const weight = total(weights).plus(execWeight ?? 0);
    if (!weight.gt(0)) return [];
    const band = gradeOf(score, input.template.parameters.grades, weight);
    if (band === null || band === stated) return [];
    const scaled = score.times(100).dividedBy(weight);
    const hundred = weight.eq(100);
    const word = printed.trim().replace(/[。．.\s]/gu, '');
    const parts = execScore === null ? `各指标自评得分合计 ${show(indicatorScore)}` : `预算执行率得分 ${show(execScore)} 与各指标自评得分 ${show(indicatorScore)} 合计 ${show(score)}`;
    const partsEn = execScore === null ? `the indicator scores add up to ${show(indicatorScore)}` : `execution ${show(execScore)} + indicators ${show(indicatorScore)} = ${show(score)}`;
    return [
      findingOf(C15, {
        table: 'report',
        paths: [pathOf('report', 'statedGrade'), pathOf('overall', 'total', 'score'), pathOf('overall', 'total', 'weight')],
        expected: band,
        actual: stated,
        message: `自评报告所述自评结果为“${word}”（${stated}），但按附件二${parts}${hundred ? '' : `（分值合计 ${show(weight)}，折合百分制 ${show(scaled)} 分）`}，等级应为“${band}”：请核对报告所述等级或表中得分`,
        messageEn: `The report states the grade "${word}" (${stated}), but 附件二's ${partsEn}${hundred ? '' : ` of ${show(weight)} (${show(scaled)} out of 100)`}, which is ${band}`,
      }),
    ];
  },
};
