import { Dec } from '../filing/filing.figures';
import { indicatorDisplayNames } from '../filing/filing.paths';
import type { IndicatorState } from '../filing/filing.state';
import { LEVEL1_LABELS, LEVEL2_LABELS } from '../filing/filing.view';
import type { ParsedActual, ParsedTarget } from '../scoring/target';
import { parseActual, parseTarget, qualitativeTier } from '../scoring/target';
import type { Finding, RuleInput } from './rule.types';
import type { SheetRef } from './xp-common';
import { finding, num, path, plain, projectTables, sheetsOf, threshold } from './xp-common';

/** P03, P04, P05: the indicators and goals of 附件二 and the 附件三 tables. */

const indicatorPath = (table: string, i: IndicatorState, names: Map<string, string>, field: string) =>
  path(table, 'indicators', i.level1, i.level2, names.get(i.indicatorId) ?? i.name, field);

const targetOf = (i: IndicatorState): ParsedTarget => parseTarget(i.target, { level2: i.level2 });

/** The actual is the target (anomaly-rules.md "Meeting a target"): the same number in the same unit, or a qualitative target met. */
function actualIsTarget(t: ParsedTarget, a: ParsedActual): boolean {
  if (t.kind === 'numeric' && a.kind === 'numeric') {
    const sameUnit = a.unit === t.unit || (a.unit === '' && t.unit !== '%');
    return sameUnit && new Dec(a.number).equals(new Dec(t.number));
  }
  if (t.kind === 'qualitative' && a.kind === 'qualitative') return qualitativeTier(t, a) === 'achieved';
  return false;
}

/**
 * P03: in one table every indicator (those not marked `——`) has its full weight as self score and an
 * actual that is the target. One `info` per table.
 */
export function checkP03(input: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const s of sheetsOf(input.state)) {
    const rows = s.sheet.indicators.filter((i) => targetOf(i).kind !== 'notApplicable' && parseActual(i.actual).kind !== 'notApplicable');
    if (rows.length === 0) continue;
    const inflated = rows.every((i) => {
      const w = num(i.weight);
      const score = num(i.score);
      return w !== null && score !== null && score.gte(w) && actualIsTarget(targetOf(i), parseActual(i.actual));
    });
    if (!inflated) continue;
    out.push(
      finding(
        'P03',
        'info',
        s.table,
        [path(s.table, 'total', 'score')],
        null,
        null,
        `${s.label}的 ${rows.length} 项绩效指标全部得满分，且实际完成值均等于年度指标值，自评可能偏高（自评虚高）。请逐项核实实际完成值的依据（统计数据、验收资料等），如实填报并合理扣分。`,
        `${s.labelEn}: all ${rows.length} indicators have full marks and an actual equal to the target — the self-evaluation is likely inflated. Check the evidence for each actual.`,
      ),
    );
  }
  return out;
}

const compact = (text: string | null): string => (text ?? '').replace(/\s+/gu, '');

/** A goal text worth comparing: a sentence, not a number, `——` or a word or two. */
function substantialGoal(text: string | null): boolean {
  const t = compact(text).replace(/[\p{P}\p{S}]/gu, '');
  return t.length >= 8 && !/^[\d.%]+$/u.test(t);
}

/**
 * P04: two 附件三 tables of the filing that share their indicator set — the sets of (一级, 二级, name),
 * Jaccard ≥ P04Similarity, both holding ≥ P04MinIndicators — or a 预期目标 word for word. One `info`
 * per pair, in the later table (the likely copy). 附件二 against a 附件三 is not compared: the unit's
 * overall table often repeats its projects' indicators.
 */
export function checkP04(input: RuleInput): Finding[] {
  const similarity = threshold(input, 'P04Similarity');
  const minimum = threshold(input, 'P04MinIndicators');
  const projects = projectTables(input.state);
  const keyOf = (i: IndicatorState) => `${i.level1}\u0000${i.level2}\u0000${i.name}`;
  const out: Finding[] = [];
  for (let b = 1; b < projects.length; b++) {
    for (let a = 0; a < b; a++) {
      const A = projects[a];
      const B = projects[b];
      const setA = new Set(A.sheet.indicators.map(keyOf));
      const setB = new Set(B.sheet.indicators.map(keyOf));
      const shared = [...setB].filter((k) => setA.has(k));
      const union = new Set([...setA, ...setB]).size;
      const jaccard = union === 0 ? new Dec(0) : new Dec(shared.length).dividedBy(union);
      const byIndicators = setA.size >= minimum.toNumber() && setB.size >= minimum.toNumber() && jaccard.gte(similarity);
      let goal: { a: number; b: number } | null = null;
      B.sheet.goals.forEach((gb, ib) => {
        if (goal || !substantialGoal(gb.expected)) return;
        const ia = A.sheet.goals.findIndex((ga) => compact(ga.expected) === compact(gb.expected));
        if (ia >= 0) goal = { a: ia + 1, b: ib + 1 };
      });
      const sharedGoal = goal as { a: number; b: number } | null;
      if (!byIndicators && !sharedGoal) continue;
      const paths: string[] = [];
      if (sharedGoal) paths.push(path(B.table, 'goals', String(sharedGoal.b), 'expected'), path(A.table, 'goals', String(sharedGoal.a), 'expected'));
      if (byIndicators && shared.length > 0) {
        const first = B.sheet.indicators.find((i) => keyOf(i) === shared[0]) as IndicatorState;
        const twin = A.sheet.indicators.find((i) => keyOf(i) === shared[0]) as IndicatorState;
        paths.push(indicatorPath(B.table, first, indicatorDisplayNames(B.sheet.indicators), 'target'), indicatorPath(A.table, twin, indicatorDisplayNames(A.sheet.indicators), 'target'));
      }
      const what: string[] = [];
      const whatEn: string[] = [];
      if (byIndicators) {
        what.push(`绩效指标（一级、二级、三级指标名称）${shared.length === setA.size && shared.length === setB.size ? `完全相同（${shared.length} 项）` : `重合 ${shared.length} 项，相似度 ${jaccard.toFixed(2)}`}`);
        whatEn.push(`the same indicator set (${shared.length} shared, Jaccard ${jaccard.toFixed(2)})`);
      }
      if (sharedGoal) {
        what.push('年度绩效目标文字完全相同');
        whatEn.push('word-for-word the same goal');
      }
      out.push(
        finding(
          'P04',
          'info',
          B.table,
          paths,
          plain(similarity),
          jaccard.toFixed(2),
          `附件三“${B.name}”与“${A.name}”${what.join('，')}，疑似套用模板。两个项目的用途不同，请按各自的资金用途和产出分别设定绩效目标和指标。`,
          `附件三 "${B.name}" and "${A.name}" share ${whatEn.join(' and ')}: likely boilerplate. Set each project's goals and indicators from what its money buys.`,
        ),
      );
    }
  }
  return out;
}

/** Names that denote a rate or a share (anomaly-rules.md "Vague targets"). */
const RATE_WORDS = ['率', '满意度', '比例', '占比'];
/** Comparatives and adverbs that make a qualitative target unmeasurable when no number or date says how much or by when. */
const VAGUE_WORDS = ['进一步', '提高', '提升', '改善', '增强', '加强', '明显', '显著', '有效', '逐步', '较好', '良好', '较高', '较大', '不断', '稳步', '有所', '日趋', '持续', '大幅', '积极'];

/**
 * P05: a target that cannot be measured — a percentage on an indicator whose name is not a rate or a
 * share (…率, 满意度, 比例, 占比; an indicator under 服务对象满意度指标 is a satisfaction rate whatever its
 * name), or a qualitative target with no criterion (a comparative such as 进一步提高 / 明显改善 with no
 * number or date). One `info` per indicator.
 */
export function checkP05(input: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const s of sheetsOf(input.state) as SheetRef[]) {
    const names = indicatorDisplayNames(s.sheet.indicators);
    for (const i of s.sheet.indicators) {
      const t = targetOf(i);
      const display = names.get(i.indicatorId) ?? i.name;
      const where = `${s.label}${LEVEL1_LABELS[i.level1]}—${LEVEL2_LABELS[i.level2]}“${display}”`;
      const whereEn = `${s.labelEn} indicator "${display}"`;
      const p = indicatorPath(s.table, i, names, 'target');
      if (t.kind === 'numeric' && t.unit === '%') {
        if (i.level2 === 'serviceTarget' || RATE_WORDS.some((w) => i.name.includes(w))) continue;
        out.push(
          finding(
            'P05',
            'info',
            s.table,
            [p],
            null,
            null,
            `${where}的年度指标值为“${t.printed.trim()}”，但指标名称不是比率或比例（如“…率”“满意度”“比例”“占比”），百分之几的基数不明确，无法衡量。请改为可计量的指标值（如数量、金额、完成时间），或将指标写成比率（如“…完成率”）并说明计算口径。`,
            `${whereEn}: the target "${t.printed.trim()}" is a bare percentage on an indicator that is not a rate or a share — a percentage of what? State a measurable value, or name the rate and its base.`,
          ),
        );
      } else if (t.kind === 'qualitative' && !/[\d０-９]/u.test(t.text)) {
        const word = VAGUE_WORDS.find((w) => t.text.includes(w));
        if (!word) continue;
        out.push(
          finding(
            'P05',
            'info',
            s.table,
            [p],
            null,
            null,
            `${where}的年度指标值为“${t.text}”，是没有衡量标准的定性表述（“${word}”多少、到何时为止均未说明），无法判断是否完成。请写明可核验的标准，如具体数值、完成时限或验收标准。`,
            `${whereEn}: the target "${t.text}" is qualitative with no criterion ("${word}" by how much, by when?). State a checkable standard: a number, a deadline or an acceptance criterion.`,
          ),
        );
      }
    }
  }
  return out;
}
