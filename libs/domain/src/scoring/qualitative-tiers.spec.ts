import { Dec, NATIONAL_DEFAULT_TEMPLATE, qualitative, tierRange } from '../index';
import { scoreOne, withParameters } from './testing.spec-support';

/**
 * 定性: 达成 → [0.8w, w], 部分达成 → [0.6w, 0.8w), 未达成 → [0, 0.6w) (alternative 0.8/0.5). The stated
 * score is kept inside its tier's range, moved to the nearest end otherwise (an open end less 0.01); with
 * no stated score, the lower end.
 */

const T80_50 = withParameters(NATIONAL_DEFAULT_TEMPLATE, (p) => (p.indicators.qualitative = { achieved: '0.8', partial: '0.5' }));
const TARGET = '按期完成，截止2023年12月';

describe.each([
  ['80/60', NATIONAL_DEFAULT_TEMPLATE, '6.00'],
  ['80/50', T80_50, '5.00'],
])('thresholds %s', (_name, template, partialLow) => {
  const score = (actual: string, stated: string | null) => scoreOne(TARGET, actual, '10', stated, { template });
  const partialBelow = new Dec(partialLow).minus('0.01').toFixed(2);

  it.each([
    // 达成 [8, 10]
    ['按期完成', '10', '10.00'],
    ['按期完成', '8', '8.00'],
    ['按期完成', '7.99', '8.00'],
    ['按期完成', '0', '8.00'],
    ['按期完成', '12', '10.00'],
    ['达到预期', '9', '9.00'],
    ['按期完成', null, '8.00'],
    // 部分达成 [p, 8)
    ['部分达成', '8', '7.99'],
    ['部分达成', '7.99', '7.99'],
    ['部分达成', partialLow, partialLow],
    ['部分达成', partialBelow, partialLow],
    ['基本达成', null, partialLow],
    // 未达成 [0, p)
    ['未达成', partialLow, partialBelow],
    ['未达成', partialBelow, partialBelow],
    ['未达成', '0', '0.00'],
    ['未达成', '-1', '0.00'],
    ['未达成', null, '0.00'],
  ])('%s with a stated %s → %s', (actual, stated, suggested) => {
    expect(score(actual, stated)).toMatchObject({ status: 'scored', method: 'qualitative', suggested, needsReview: false });
  });
});

describe('定性 tiers', () => {
  it('on the fixture’s 完成时效 (weight 12.5): 达成 is [10, 12.5]', () => {
    expect(scoreOne(TARGET, '按期完成', '12.5', '12.5')).toMatchObject({ suggested: '12.50', notes: expect.arrayContaining(['定性 达成']) });
    expect(scoreOne(TARGET, '按期完成', '12.5', '9')).toMatchObject({ suggested: '10.00', notes: expect.arrayContaining(['定性 达成', '自评得分 9 不在该等级区间内，调整为 10']) });
  });

  it('a tier below 达成 misses the target', () => {
    expect(scoreOne(TARGET, '部分达成', '10', '7').deviation.triggers).toEqual(['scoreBelowWeight', 'targetMissed']);
    expect(scoreOne(TARGET, '按期完成', '10', '10').deviation.required).toBe(false);
  });

  it('an actual that neither meets the target nor is a tier word needs review: the stated score is taken', () => {
    expect(scoreOne(TARGET, '延期完成', '10', '6')).toMatchObject({ method: 'manual', suggested: '6.00', needsReview: true });
    expect(scoreOne('达成', '95%', '10', '6')).toMatchObject({ method: 'manual', suggested: '6.00', needsReview: true });
    expect(scoreOne(TARGET, '延期完成', '10', null)).toMatchObject({ status: 'pending', suggested: null, needsReview: true });
  });

  it('the ranges, exactly', () => {
    const t = { achieved: new Dec('0.8'), partial: new Dec('0.6') };
    const r = (tier: 'achieved' | 'partial' | 'missed') => Object.values(tierRange(new Dec(13), tier, t)).map(String);
    expect(r('achieved')).toEqual(['10.4', '13', 'true']);
    expect(r('partial')).toEqual(['7.8', '10.4', 'false']);
    expect(r('missed')).toEqual(['0', '7.8', 'false']);
    expect(qualitative(new Dec(13), 'partial', new Dec(13), t, 2).score.toFixed()).toBe('10.39');
  });
});
