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
    const which = target.kind === 'notApplicable' ? 'target' : 'actual';
    return { status: 'notApplicable', raw: null, method: null, needsReview: false, notes: [`${which} "——": not applicable → weight redistributed over the applicable siblings`], triggers: [] };
  }
  if (target.kind === 'needsReview') return manual(w, stated, `target needs review: ${target.why}`);
  if (actual.kind === 'needsReview') return manual(w, stated, `actual needs review: ${actual.why}`);
  if (target.kind === 'numeric') {
    if (actual.kind !== 'numeric') return manual(w, stated, `a text actual ("${actual.text}") against a numeric target`);
    return numeric(target, actual, w, stated, params);
  }
  if (actual.kind !== 'qualitative') return manual(w, stated, `a numeric actual ("${actual.printed}") against a qualitative target`);
  return tiered(target, actual, w, stated, params);
}

function manual(w: Dec, stated: Dec | null, why: string): IndicatorOutcome {
  if (stated === null) return { status: 'pending', raw: null, method: null, needsReview: true, notes: [why, 'no stated score to take: pending → its weight goes to what was scored'], triggers: [] };
  const raw = clampScore(stated, w);
  const notes = [why, 'the stated score is taken'];
  if (!raw.eq(stated)) notes.push(`the stated score ${stated.toFixed()} is outside [0, ${w.toFixed()}]: ${raw.toFixed()} taken`);
  return { status: 'scored', raw, method: 'manual', needsReview: true, notes, triggers: [] };
}

function numeric(target: NumericTarget, actual: NumericActual, w: Dec, stated: Dec | null, params: TemplateParameters): IndicatorOutcome {
  const notes: string[] = [];
  if (actual.unit !== target.unit) {
    // a count or an amount printed without its unit is read in the target's unit; a bare number against a
    // percentage may be a fraction (0.98), and different units are never converted
    if (actual.unit !== '' || target.unit === '%') return manual(w, stated, `units differ: target "${target.unit}", actual "${actual.unit}"`);
    notes.push(`the actual has no unit: read in the target's unit "${target.unit}"`);
  }
  const t = new Dec(target.number);
  const a = new Dec(actual.number);
  if (t.isNegative()) return manual(w, stated, `a negative target (${target.number}) has no ratio`);
  if (target.implied) notes.push(`no operator printed: ${{ '<=': '≤ (a cost indicator)', '=': '= (a zero target)', '>=': '≥' }[target.operator as '<=' | '=' | '>=']}`);
  if (target.operator === '>' || target.operator === '<') notes.push(`"${target.operator}" scored as "${target.operator}="`);
  const lower = target.operator === '<=' || target.operator === '<';
  let raw: Dec;
  let method: MethodUsed;
  if (lower) {
    raw = lessEqual(w, a, t, params.indicators.lessEqual);
    method = 'lessEqual';
    if (params.indicators.lessEqual === 'linear') notes.push('≤ linear: 0 at twice the target');
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
  if (tier === null) return manual(w, stated, `the actual "${actual.text}" neither meets the target "${target.text}" nor is a tier word`);
  const thresholds = { achieved: new Dec(params.indicators.qualitative.achieved), partial: new Dec(params.indicators.qualitative.partial) };
  const { score, adjusted } = qualitative(w, tier, stated, thresholds, params.rounding.decimals);
  const notes = [`定性 ${TIER_NAMES[tier]}`];
  if (stated === null) notes.push("no stated score: the tier's lower end");
  else if (adjusted) notes.push(`the stated score ${stated.toFixed()} is outside the tier: moved to ${score.toFixed()}`);
  return { status: 'scored', raw: score, method: 'qualitative', needsReview: false, notes, triggers: tier === 'achieved' ? [] : ['targetMissed'] };
}
