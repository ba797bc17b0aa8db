import { divRound, money, percent, rateOf, score, trimmed } from './numbers';
import { Random, mixSeed } from './random';

describe('integer figures', () => {
  it('rounds half-up', () => {
    expect([divRound(5, 2), divRound(4, 3), divRound(9683, 10), divRound(9685, 10), divRound(0, 7)]).toEqual([3, 1, 968, 969, 0]);
  });

  it('prints money with two decimals and scores, rates and values without trailing zeros', () => {
    expect([money(48000), money(5), money(0), money(-250)]).toEqual(['480.00', '0.05', '0.00', '-2.50']);
    expect([score(970), score(1000), score(968), score(5)]).toEqual(['9.7', '10', '9.68', '0.05']);
    expect([percent(rateOf(28, 30)), percent(rateOf(582, 600)), percent(rateOf(1, 1))]).toEqual(['93.33%', '97%', '100%']);
    expect([trimmed(35, 1), trimmed(1200, 0), trimmed(50, 2)]).toEqual(['3.5', '1200', '0.5']);
  });
});

describe('the seeded PRNG', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = new Random(seed);
      return Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
  });

  it('draws integers within bounds and samples without repeats', () => {
    const r = new Random(1);
    const ints = Array.from({ length: 1000 }, () => r.int(3, 6));
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(6);
    const sample = r.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(sample).size).toBe(4);
  });
});
