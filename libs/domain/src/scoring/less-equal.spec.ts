import { Dec, NATIONAL_DEFAULT_TEMPLATE, lessEqual } from '../index';
import { scoreOne, withParameters } from './testing.spec-support';

/**
 * `≤ T`: A ≤ T → w; else w × T/A (`ratio`, the default) or w × (2T − A)/T, 0 from 2T (`linear`).
 * A bare number on a 成本 indicator is `≤`.
 */

const LINEAR = withParameters(NATIONAL_DEFAULT_TEMPLATE, (p) => (p.indicators.lessEqual = 'linear'));

describe('≤ target', () => {
  it.each([
    // [target, actual, weight, ratio, linear]
    ['≤90万元', '80万元', '10', '10.00', '10.00'],
    ['≤90万元', '90万元', '10', '10.00', '10.00'],
    ['≤90万元', '100万元', '10', '9.00', '8.89'], // 10 × 90/100; 10 × 80/90 = 8.888…
    ['≤90万元', '135万元', '10', '6.67', '5.00'], // 6.666…; 10 × 45/90
    ['≤90万元', '180万元', '10', '5.00', '0.00'],
    ['≤90万元', '200万元', '10', '4.50', '0.00'],
    ['不超过30个工作日', '33个工作日', '12.5', '11.36', '11.25'], // 11.3636…; 12.5 × 27/30
    ['≤0', '0', '10', '10.00', '10.00'],
    ['≤0', '1', '10', '0.00', '0.00'],
    ['<5%', '6%', '10', '8.33', '8.00'], // < is scored as ≤
  ])('target %s, actual %s, weight %s → ratio %s, linear %s', (target, actual, weight, ratio, linear) => {
    expect(scoreOne(target, actual, weight)).toMatchObject({ method: 'lessEqual', suggested: ratio });
    expect(scoreOne(target, actual, weight, null, { template: LINEAR })).toMatchObject({ method: 'lessEqual', suggested: linear });
  });

  it('a bare amount on a 成本 indicator: 557.7 → ≤ 557.7', () => {
    const at = 'output.cost.项目投资金额';
    expect(scoreOne('557.7', '557.7', '12.5', null, { at })).toMatchObject({ suggested: '12.50', target: { operator: '<=', implied: true } });
    // 12.5 × 557.7/600 = 11.61875; linear 12.5 × (1115.4 − 600)/557.7 = 11.5519…
    expect(scoreOne('557.7', '600', '12.5', null, { at }).suggested).toBe('11.62');
    expect(scoreOne('557.7', '600', '12.5', null, { at, template: LINEAR }).suggested).toBe('11.55');
    // the same bare number elsewhere is ≥
    expect(scoreOne('557.7', '600', '12.5', null, { at: 'output.quantity.项目投资金额' })).toMatchObject({ suggested: '12.50', method: 'greaterEqual' });
  });

  it('under-achievement: A/T ≤ 70% needs an explanation', () => {
    expect(scoreOne('≤100万元', '70万元', '10', '10').deviation.triggers).toEqual(['underAchievement']);
    expect(scoreOne('≤100万元', '70.01万元', '10', '10').deviation.triggers).toEqual([]);
  });

  it('the decimal function', () => {
    expect(lessEqual(new Dec(10), new Dec(100), new Dec(90), 'ratio').toFixed()).toBe('9');
    expect(lessEqual(new Dec(10), new Dec(100), new Dec(90), 'linear').toFixed(4)).toBe('8.8889');
    expect(lessEqual(new Dec(10), new Dec(500), new Dec(90), 'linear').toFixed()).toBe('0');
  });
});
