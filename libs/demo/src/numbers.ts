/**
 * Integer arithmetic for the generator: money in 分 (hundredths of 万元), scores in hundredths of a point,
 * rates in hundredths of a percent, indicator values as integers scaled by 10^decimals. No float ever
 * becomes a printed figure; rounding is half-up, as the domain rounds.
 */

/** a ÷ b rounded half-up, for a ≥ 0 and b > 0 (integers). */
export function divRound(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Money as the tables print it: two decimals (`48000` → `480.00`). */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${pad2(abs % 100)}`;
}

/** A scaled integer with its trailing zeros dropped (`9683, 2` → `96.83`, `9700, 2` → `97`, `35, 1` → `3.5`). */
export function trimmed(value: number, decimals: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (decimals === 0) return `${sign}${abs}`;
  const unit = 10 ** decimals;
  const frac = String(abs % unit).padStart(decimals, '0').replace(/0+$/u, '');
  return `${sign}${Math.floor(abs / unit)}${frac ? `.${frac}` : ''}`;
}

/** A score in hundredths, printed as filers do (`970` → `9.7`, `1000` → `10`). */
export const score = (hundredths: number): string => trimmed(hundredths, 2);

/** n ÷ d as a percentage in hundredths of a percent, rounded half-up (`28, 30` → `9333`). */
export const rateOf = (n: number, d: number): number => divRound(n * 10000, d);

/** A rate in hundredths of a percent, printed with `%` (`9333` → `93.33%`, `9700` → `97%`). */
export const percent = (hundredths: number): string => `${trimmed(hundredths, 2)}%`;

/** Money rounded to whole 万元 … or not: `cents` rounded to a multiple of `step` cents (at least one step). */
export function roundTo(cents: number, step: number): number {
  return Math.max(step, Math.round(cents / step) * step);
}
