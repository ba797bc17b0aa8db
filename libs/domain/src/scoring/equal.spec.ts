import { Dec, equal } from '../index';
import { scoreOne } from './testing.spec-support';

/** `= T`: T = 0 → (A ≤ 0 ? w : 0); else as `≥`. */

describe('= target', () => {
  it.each([
    // [target, actual, weight, suggested]
    ['=0', '0', '10', '10.00'],
    ['=0', '0.00', '10', '10.00'],
    ['＝0起', '0起', '10', '10.00'],
    ['等于0起', '0', '10', '10.00'],
    ['=0', '1', '10', '0.00'],
    ['=0', '0.01', '10', '0.00'],
    ['=0', '-1', '10', '10.00'],
    ['＝100%', '100%', '10', '10.00'],
    ['＝100%', '95%', '10', '9.50'],
    ['＝100%', '110%', '10', '10.00'],
    ['=12个', '9个', '12.5', '9.38'], // 9.375
    // a bare 0 means = 0 (≥ 0 would be met by anything)
    ['0起', '0起', '10', '10.00'],
    ['0起', '2起', '10', '0.00'],
    ['0', '0', '10', '10.00'],
  ])('target %s, actual %s, weight %s → %s', (target, actual, weight, suggested) => {
    expect(scoreOne(target, actual, weight)).toMatchObject({ status: 'scored', method: 'equal', suggested });
  });

  it('a zero target missed needs a 偏差原因; there is no ratio to over-achieve', () => {
    expect(scoreOne('=0', '2', '10', '10').deviation.triggers).toEqual(['targetMissed']);
    expect(scoreOne('=0', '0', '10', '10').deviation.required).toBe(false);
  });

  it('the decimal function', () => {
    expect(equal(new Dec(10), new Dec(0), new Dec(0)).toFixed()).toBe('10');
    expect(equal(new Dec(10), new Dec(3), new Dec(0)).toFixed()).toBe('0');
    expect(equal(new Dec(10), new Dec(95), new Dec(100)).toFixed()).toBe('9.5');
  });
});
