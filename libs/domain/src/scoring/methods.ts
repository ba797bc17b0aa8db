import { Dec } from '../filing/filing.figures';
import type { Tier } from './target';
import type { MeasureMethod, Stepping } from './template.types';

/**
 * The scoring methods (PRODUCT.md "Default template"), pure on decimals: each returns the raw score on
 * the weight `w`, never below 0 nor above `w`. Rounding to the template's decimals is the caller's.
 */

const ZERO = new Dec(0);

export function clampScore(score: Dec, w: Dec): Dec {
  return Dec.max(ZERO, Dec.min(score, w));
}

/** `≥ T`: A ≥ T → w; else w × A/T. T = 0: A ≥ 0 → w, else 0. */
export function greaterEqual(w: Dec, actual: Dec, target: Dec): Dec {
  if (actual.gte(target)) return w;
  if (target.lte(0)) return ZERO;
  return clampScore(w.times(actual).dividedBy(target), w);
}

/** `≤ T`: A ≤ T → w; else w × T/A (`ratio`) or w × (2T − A)/T, 0 from 2T (`linear`). */
export function lessEqual(w: Dec, actual: Dec, target: Dec, variant: 'ratio' | 'linear'): Dec {
  if (actual.lte(target)) return w;
  if (target.lte(0)) return ZERO;
  if (variant === 'ratio') return clampScore(w.times(target).dividedBy(actual), w);
  return clampScore(w.times(target.times(2).minus(actual)).dividedBy(target), w);
}

/** `= T`: T = 0 → (A ≤ 0 ? w : 0); else as `≥`. */
export function equal(w: Dec, actual: Dec, target: Dec): Dec {
  if (target.isZero()) return actual.lte(0) ? w : ZERO;
  return greaterEqual(w, actual, target);
}

/** w × min(m, full)/full; 0 below `zeroBelow`. */
export function proportional(w: Dec, measure: Dec, full: Dec, zeroBelow: Dec | null): Dec {
  if (zeroBelow !== null && measure.lt(zeroBelow)) return ZERO;
  return clampScore(w.times(Dec.min(measure, full)).dividedBy(full), w);
}

/** Full marks up to `threshold`; each `per` beyond it costs `points`; never below 0. */
export function deduction(w: Dec, measure: Dec, p: { direction: 'above' | 'below'; threshold: Dec; per: Dec; points: Dec; stepping: Stepping }): Dec {
  const beyond = p.direction === 'above' ? measure.minus(p.threshold) : p.threshold.minus(measure);
  if (beyond.lte(0)) return w;
  const steps = beyond.dividedBy(p.per);
  const counted = p.stepping === 'perStartedStep' ? steps.ceil() : p.stepping === 'perCompletedStep' ? steps.floor() : steps;
  return clampScore(w.minus(counted.times(p.points)), w);
}

/** The first step whose bound the measure does not pass (m ≤ upTo, or m < upTo when not inclusive). */
export function stepTable(w: Dec, measure: Dec, steps: { upTo: Dec | null; inclusive: boolean; score: Dec }[]): Dec {
  for (const s of steps) {
    if (s.upTo === null || measure.lt(s.upTo) || (s.inclusive && measure.eq(s.upTo))) return clampScore(s.score, w);
  }
  return ZERO;
}

/** A template measure method on measure `m` (manual is not computed: the caller handles it). */
export function scoreMeasure(method: Exclude<MeasureMethod, { kind: 'manual' }>, w: Dec, m: Dec): Dec {
  switch (method.kind) {
    case 'proportional':
      return proportional(w, m, new Dec(method.full), method.zeroBelow === null ? null : new Dec(method.zeroBelow));
    case 'greaterEqual':
      return greaterEqual(w, m, new Dec(method.target));
    case 'lessEqual':
      return lessEqual(w, m, new Dec(method.target), method.variant);
    case 'equal':
      return equal(w, m, new Dec(method.target));
    case 'deduction':
      return deduction(w, m, {
        direction: method.direction,
        threshold: new Dec(method.threshold),
        per: new Dec(method.per),
        points: new Dec(method.points),
        stepping: method.stepping,
      });
    case 'stepTable':
      return stepTable(
        w,
        m,
        method.steps.map((s) => ({ upTo: s.upTo === null ? null : new Dec(s.upTo), inclusive: s.inclusive, score: new Dec(s.score) })),
      );
  }
}

/** A 定性 tier's range on weight w: 达成 [a·w, w], 部分达成 [p·w, a·w), 未达成 [0, p·w). */
export function tierRange(w: Dec, tier: Tier, thresholds: { achieved: Dec; partial: Dec }): { low: Dec; high: Dec; highIncluded: boolean } {
  const a = w.times(thresholds.achieved);
  const p = w.times(thresholds.partial);
  if (tier === 'achieved') return { low: a, high: w, highIncluded: true };
  if (tier === 'partial') return { low: p, high: a, highIncluded: false };
  return { low: ZERO, high: p, highIncluded: false };
}

/**
 * A 定性 score: the stated score when it lies in the tier's range, else the nearest end of the range (an
 * excluded upper end less one unit of the last decimal: 0.8w − 0.01); with no stated score, the range's
 * lower end.
 */
export function qualitative(w: Dec, tier: Tier, stated: Dec | null, thresholds: { achieved: Dec; partial: Dec }, decimals: number): { score: Dec; adjusted: boolean } {
  const { low, high, highIncluded } = tierRange(w, tier, thresholds);
  const top = highIncluded ? high : Dec.max(low, high.minus(new Dec(10).pow(-decimals)));
  if (stated === null) return { score: low, adjusted: true };
  if (stated.lt(low)) return { score: low, adjusted: true };
  if (stated.gt(top)) return { score: top, adjusted: true };
  return { score: stated, adjusted: false };
}
