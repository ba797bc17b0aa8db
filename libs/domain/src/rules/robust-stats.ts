import { Dec } from '../filing/filing.figures';

/**
 * Robust statistics for the S rules (anomaly-rules.md group S): median, median absolute deviation (MAD)
 * and the robust z-score 0.6745 × (x − median) / MAD (Iglewicz & Hoaglin). Decimals only, pure.
 */

/** 0.6745: the 0.75 quantile of the standard normal, which makes MAD / 0.6745 estimate σ for normal data. */
export const ROBUST_Z_FACTOR = new Dec('0.6745');

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: Dec[]): Dec {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).dividedBy(2);
}

/** The median absolute deviation from the median. */
export function medianAbsoluteDeviation(values: Dec[], centre: Dec = median(values)): Dec {
  return median(values.map((v) => v.minus(centre).abs()));
}

export interface RobustSample<T> {
  median: Dec;
  mad: Dec;
  /** each item with its value and robust z-score */
  items: { item: T; value: Dec; z: Dec }[];
}

/**
 * The robust z-score of every item of a sample. Null when the sample is smaller than `minSize` or its MAD
 * is 0 (more than half the values are equal: no spread to measure an outlier against).
 */
export function robustSample<T>(items: { item: T; value: Dec }[], minSize: number): RobustSample<T> | null {
  if (items.length === 0 || items.length < minSize) return null;
  const values = items.map((i) => i.value);
  const centre = median(values);
  const mad = medianAbsoluteDeviation(values, centre);
  if (mad.isZero()) return null;
  return { median: centre, mad, items: items.map(({ item, value }) => ({ item, value, z: ROBUST_Z_FACTOR.times(value.minus(centre)).dividedBy(mad) })) };
}
