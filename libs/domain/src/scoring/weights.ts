import { Dec } from '../filing/filing.figures';

/**
 * Splits `total` over `weights` proportionally, in units of the last decimal, so that the shares add up
 * to `total` exactly: each share is floored, and the units left go to the largest remainders (the earlier
 * one on a tie). Remainders are compared exactly (as total × w − share × Σw, no division), so a tie is a
 * tie. All zero when the weights add up to 0. Used for "not applicable" redistribution, for fitting a
 * filing's indicators to their template node, and for giving pending leaves' weight to the scored ones.
 */
export function distribute(total: Dec, weights: Dec[], decimals: number): Dec[] {
  const sum = weights.reduce((s, w) => s.plus(w), new Dec(0));
  if (sum.lte(0) || total.lte(0)) return weights.map(() => new Dec(0));
  const unit = new Dec(10).pow(-decimals);
  const target = total.toDecimalPlaces(decimals, Dec.ROUND_DOWN);
  const shares = weights.map((w) => {
    const numerator = target.times(w);
    let share = numerator.dividedBy(sum).toDecimalPlaces(decimals, Dec.ROUND_DOWN);
    // the division is rounded at 40 digits: make sure the floor is a floor
    while (share.times(sum).gt(numerator)) share = share.minus(unit);
    while (share.plus(unit).times(sum).lte(numerator)) share = share.plus(unit);
    return share;
  });
  const rests = weights.map((w, i) => target.times(w).minus(shares[i].times(sum)));
  let left = target.minus(shares.reduce((s, x) => s.plus(x), new Dec(0))).dividedBy(unit).round().toNumber();
  const order = rests.map((rest, i) => ({ i, rest })).sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] = shares[i].plus(unit);
    left -= 1;
  }
  return shares;
}
