import { Dec, numericOf } from '../filing/filing.figures';
import type { ScoringTemplate } from '../scoring/template.types';

/**
 * What the S (county statistics) and A (event history) rules share: their thresholds, read from a
 * template's `parameters.anomalies` (anomaly-rules.md: "a rule that needs a threshold reads it from the
 * evaluation round's template"), and number formats. Internal to `rules/`.
 */

/**
 * Defaults of the thresholds the S and A rules read, used when the template's parameter is missing or not
 * a number. `A03MinChanges` is not (yet) a key of `AnomalyThresholds`: until the template schema gains it,
 * every template falls back to this default (docs/rules.md).
 */
export const SA_DEFAULT_THRESHOLDS = Object.freeze({
  S01RobustZ: '3',
  S02RobustZ: '3',
  statisticsMinFilings: '8',
  P04Similarity: '0.8',
  P04MinIndicators: '4',
  A03WindowHours: '24',
  /** A03: "many" figure changes — at least this many different cells changed by one person in the window */
  A03MinChanges: '20',
});
export type SaThresholdKey = keyof typeof SA_DEFAULT_THRESHOLDS;

/** A threshold of `template.parameters.anomalies` (the default when it is absent or not a number). */
export function saThreshold(template: ScoringTemplate | null | undefined, key: SaThresholdKey): Dec {
  const printed = (template?.parameters?.anomalies as Record<string, unknown> | undefined)?.[key];
  if (typeof printed === 'string') {
    try {
      const value = numericOf(printed);
      if (value !== null && value.isFinite()) return value;
    } catch {
      // not a number: the default applies
    }
  }
  return new Dec(SA_DEFAULT_THRESHOLDS[key]);
}

/** A number in a message or in expected/actual: two decimals at most, no trailing zeros (`98`, `12.5`). */
export function show(d: Dec): string {
  const fixed = d.toFixed(2, Dec.ROUND_HALF_UP);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/u, '') : fixed;
}

/** Two decimals (`"98.00"`): scores and rates in `expected` / `actual`. */
export const two = (d: Dec): string => d.toFixed(2, Dec.ROUND_HALF_UP);

/** A numeric cell value (`"98%"` → 98), or null (empty, `——`, text). Never throws. */
export function num(value: string | null | undefined): Dec | null {
  if (value === null || value === undefined) return null;
  try {
    return numericOf(value);
  } catch {
    return null;
  }
}
