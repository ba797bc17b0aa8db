import { Dec } from '../filing/filing.figures';
import { clampScore, equal, greaterEqual, lessEqual, qualitative } from './methods';
import type { DeviationTrigger, ItemStatus, MethodUsed } from './score.types';
import type { NumericActual, NumericTarget, ParsedActual, ParsedTarget, QualitativeActual, QualitativeTarget } from './target';
import { qualitativeTier } from './target';
import type { TemplateParameters } from './template.types';

/** How one filing indicator scores: the raw score on its stated weight (unrounded), or why there is none. */
export interface IndicatorOutcome {
  status: ItemStatus;
  raw: Dec | null;
  method: MethodUsed | null;
  needsReview: boolean;
  notes: string[];
  /** targetMissed, overAchievement, underAchievement (scoreBelowWeight is the caller's: it needs the stated weight) */
  triggers: DeviationTrigger[];
}

const TIER_NAMES = { achieved: '达成', partial: '部分达成', missed: '未达成' } as const;

/**
 * Scores a filing indicator on weight `w` from its parsed target and actual (anomaly-rules.md "Meeting a
 * target"): `≥`/`>` ratio, `≤`/`<` ratio or linear, `=`, or a 定性 tier. What cannot be compared without
 * guessing needs review: the stated score is taken (within [0, w]), or, when there is none, the indicator
 * is pending.
 */
export function scoreIndicator(target: ParsedTarget, actual: ParsedActual, w: Dec, stated: Dec | null, params: TemplateParameters): IndicatorOutcome {
  if (target.kind === 'notApplicable' || actual.kind === 'notApplicable') {
    const which = target.kind === 'notApplicable' ? '年度指标值' : '实际完成值';
    return { status: 'notApplicable', raw: null, method: null, needsReview: false, notes: [`${which}为“——”：不适用，分值按比例分给同级适用指标`], triggers: [] };
  }
  if (target.kind === 'needsReview') return manual(w, stated, `年度指标值需人工复核：${target.why}`);
  if (actual.kind === 'needsReview') return manual(w, stated, `实际完成值需人工复核：${actual.why}`);
  if (target.kind === 'numeric') {
    if (actual.kind !== 'numeric') return manual(w, stated, `年度指标值为数值，实际完成值为文字（“${actual.text}”）`);
    return numeric(target, actual, w, stated, params);
  }
  if (actual.kind !== 'qualitative') return manual(w, stated, `年度指标值为定性描述，实际完成值为数值（“${actual.printed}”）`);
  return tiered(target, actual, w, stated, params);
}

function manual(w: Dec, stated: Dec | null, why: string): IndicatorOutcome {
  if (stated === null) return { status: 'pending', raw: null, method: null, needsReview: true, notes: [why, '无自评得分可采用：待人工评分，其分值按比例分给已评分项'], triggers: [] };
  const raw = clampScore(stated, w);
  const notes = [why, '采用自评得分'];
  if (!raw.eq(stated)) notes.push(`自评得分 ${stated.toFixed()} 超出 [0, ${w.toFixed()}]，按 ${raw.toFixed()} 计`);
  return { status: 'scored', raw, method: 'manual', needsReview: true, notes, triggers: [] };
}

function numeric(target: NumericTarget, actual: NumericActual, w: Dec, stated: Dec | null, params: TemplateParameters): IndicatorOutcome {
  const notes: string[] = [];
  if (actual.unit !== target.unit) {
    // a count or an amount printed without its unit is read in the target's unit; a bare number against a
    // percentage may be a fraction (0.98), and different units are never converted
    if (actual.unit !== '' || target.unit === '%') return manual(w, stated, `单位不一致：年度指标值为“${target.unit}”，实际完成值为“${actual.unit}”`);
    notes.push(`实际完成值未带单位，按年度指标值的单位“${target.unit}”计`);
  }
  const t = new Dec(target.number);
  const a = new Dec(actual.number);
  if (t.isNegative()) return manual(w, stated, `年度指标值为负数（${target.number}），无法按比例计分`);
  if (target.implied) notes.push(`未标比较符号，${{ '<=': '按 ≤ 计（成本指标）', '=': '按 = 计（年度指标值为 0）', '>=': '按 ≥ 计' }[target.operator as '<=' | '=' | '>=']}`);
  if (target.operator === '>' || target.operator === '<') notes.push(`“${target.operator}”按“${target.operator}=”计分`);
  const lower = target.operator === '<=' || target.operator === '<';
  let raw: Dec;
  let method: MethodUsed;
  if (lower) {
    raw = lessEqual(w, a, t, params.indicators.lessEqual);
    method = 'lessEqual';
    if (params.indicators.lessEqual === 'linear') notes.push('≤ 按线性计分：实际完成值达到年度指标值 2 倍时得 0 分');
  } else if (target.operator === '=') {
    raw = equal(w, a, t);
    method = 'equal';
  } else {
    raw = greaterEqual(w, a, t);
    method = 'greaterEqual';
  }
  const triggers: DeviationTrigger[] = [];
  if (raw.lt(w)) triggers.push('targetMissed');
  if (t.gt(0)) {
    const ratio = a.times(100).dividedBy(t);
    if (!lower && ratio.gte(params.deviation.overAchievement)) triggers.push('overAchievement');
    if (lower && ratio.lte(params.deviation.underAchievement)) triggers.push('underAchievement');
  }
  return { status: 'scored', raw, method, needsReview: false, notes, triggers };
}

function tiered(target: QualitativeTarget, actual: QualitativeActual, w: Dec, stated: Dec | null, params: TemplateParameters): IndicatorOutcome {
  const tier = qualitativeTier(target, actual);
  if (tier === null) return manual(w, stated, `实际完成值“${actual.text}”既不符合年度指标值“${target.text}”，也不是定性等级用语`);
  const thresholds = { achieved: new Dec(params.indicators.qualitative.achieved), partial: new Dec(params.indicators.qualitative.partial) };
  const { score, adjusted } = qualitative(w, tier, stated, thresholds, params.rounding.decimals);
  const notes = [`定性 ${TIER_NAMES[tier]}`];
  if (stated === null) notes.push('无自评得分：取该等级区间的下限');
  else if (adjusted) notes.push(`自评得分 ${stated.toFixed()} 不在该等级区间内，调整为 ${score.toFixed()}`);
  return { status: 'scored', raw: score, method: 'qualitative', needsReview: false, notes, triggers: tier === 'achieved' ? [] : ['targetMissed'] };
}
