import { Dec } from '../filing/filing.figures';
import type { DecimalString, Grade } from './template.types';

/** The default bands: ≥ 90 优, 80–90 良, 60–80 中, < 60 差 (a band includes its lower edge: 90 is 优, 89.99 良). */
export const DEFAULT_GRADE_BANDS: readonly { readonly grade: Grade; readonly min: DecimalString }[] = Object.freeze(
  [
    { grade: '优', min: '90' },
    { grade: '良', min: '80' },
    { grade: '中', min: '60' },
    { grade: '差', min: '0' },
  ].map((b) => Object.freeze(b as { grade: Grade; min: DecimalString })),
);

/**
 * The band of a total out of `outOf` (default 100), scaled to 100 when the weights add up to something
 * else (anomaly-rules.md "Grade"); null when there is nothing to grade (`outOf` 0).
 */
export function gradeOf(total: Dec | string, bands: readonly { grade: Grade; min: DecimalString }[] = DEFAULT_GRADE_BANDS, outOf: Dec | string = '100'): Grade | null {
  const of = new Dec(outOf);
  if (of.lte(0)) return null;
  const scaled = new Dec(total).times(100).dividedBy(of);
  for (const band of bands) if (scaled.gte(band.min)) return band.grade;
  return bands.length > 0 ? bands[bands.length - 1].grade : null;
}
