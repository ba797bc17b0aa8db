import { Dec, greaterEqual } from '../index';
import { scoreOne } from './testing.spec-support';

/** `≥ T`: A ≥ T → w; else round(w × A/T, 2), half-up. A bare number or percentage (not 成本) is `≥`. */

describe('≥ target', () => {
  it.each([
    // [target, actual, weight, suggested]
    ['100%', '95%', '10', '9.50'],
    ['100%', '98%', '13', '12.74'],
    ['100%', '100%', '12', '12.00'],
    ['100%', '120%', '10', '10.00'],
    ['≥95%', '95%', '10', '10.00'],
    ['≥95%', '94.99%', '10', '10.00'], // 9.99894… rounds to full marks (the target is still missed)
    ['≥95%', '90%', '10', '9.47'], // 9.4736…
    ['≥50个', '48个', '10', '9.60'],
    ['≥50个', '0个', '10', '0.00'],
    ['不低于3次', '1次', '10', '3.33'],
    ['≥3次', '2次', '12.5', '8.33'], // 8.3333…
    ['≥8', '1', '10', '1.25'],
    ['≥8', '1', '1', '0.13'], // 0.125: half-up, not to even
    ['≥8', '3', '1', '0.38'], // 0.375
    ['≥0', '0', '10', '10.00'],
    ['≥0', '-1', '10', '0.00'],
    ['≥100%', '-5%', '10', '0.00'],
    ['>90%', '90%', '10', '10.00'], // > is scored as ≥
    ['100', '99.5', '8', '7.96'],
  ])('target %s, actual %s, weight %s → %s', (target, actual, weight, suggested) => {
    const row = scoreOne(target, actual, weight);
    expect(row).toMatchObject({ status: 'scored', method: 'greaterEqual', suggested, needsReview: false });
  });

  it('target 100%, actual 95%, weight 10 → 9.50: the target is missed, a 偏差原因 is required', () => {
    const row = scoreOne('100%', '95%', '10', '10');
    expect(row.target).toEqual({ kind: 'numeric', operator: '>=', number: '100', unit: '%', implied: true, printed: '100%' });
    expect(row.actual).toEqual({ kind: 'numeric', number: '95', unit: '%', printed: '95%' });
    expect(row.deviation).toEqual({ required: true, triggers: ['targetMissed'], explained: false });
    expect(row.notes).toContain('未标比较符号，按 ≥ 计');
  });

  it('over-achievement: A/T ≥ 130% needs an explanation, the score stays w', () => {
    expect(scoreOne('100', '130', '10', '10')).toMatchObject({ suggested: '10.00', deviation: { triggers: ['overAchievement'] } });
    expect(scoreOne('100', '129.99', '10', '10').deviation.triggers).toEqual([]);
  });

  it('an actual printed without the target’s unit is read in it (not for %)', () => {
    const row = scoreOne('≥50个', '48', '10');
    expect(row).toMatchObject({ suggested: '9.60', needsReview: false });
    expect(row.notes).toContain('实际完成值未带单位，按年度指标值的单位“个”计');
  });

  it.each([
    ['100%', '0.98', /^单位不一致：年度指标值为“%”，实际完成值为“”$/],
    ['≥50个', '48项', /^单位不一致：年度指标值为“个”，实际完成值为“项”$/],
    ['≥90万元', '90元', /^单位不一致：年度指标值为“万元”，实际完成值为“元”$/],
    ['100%', '按期完成', /实际完成值为文字（“按期完成”）/],
    ['100%', '', /未填实际完成值/],
  ])('%s against %s needs review: the stated score is taken', (target, actual, why) => {
    const row = scoreOne(target, actual, '10', '8');
    expect(row).toMatchObject({ status: 'scored', method: 'manual', suggested: '8.00', needsReview: true });
    expect(row.notes[0]).toMatch(why);
  });

  it('the decimal function: w × A/T exactly, capped at w', () => {
    expect(greaterEqual(new Dec(10), new Dec('95'), new Dec('100')).toFixed()).toBe('9.5');
    expect(greaterEqual(new Dec(10), new Dec('1'), new Dec('3')).toFixed(10)).toBe('3.3333333333');
    expect(greaterEqual(new Dec(10), new Dec('200'), new Dec('100')).toFixed()).toBe('10');
  });
});

describe('a near miss', () => {
  it('rounds to full marks yet still counts as missed (94.99% of ≥95%)', () => {
    expect(scoreOne('≥95%', '94.99%', '10', '10')).toMatchObject({ suggested: '10.00', deviation: { triggers: ['targetMissed'] } });
  });
});
