import type { CellValue } from '../filing/filing.events';
import { Dec, numericOf } from '../filing/filing.figures';
import type { Formula } from './template.types';
import { resolveFigure } from './template.validate';

/** A measure's value, or why there is none. */
export type MeasureValue = { kind: 'value'; value: Dec } | { kind: 'missing'; why: string } | { kind: 'zeroDenominator'; why: string };

/** Reads a figure path: the stated value, else the computed one (undefined when neither holds it). */
export type FigureLookup = (path: string) => CellValue | undefined;

/**
 * Evaluates a template formula over the filing's figures in table `head`. A figure that is empty, `——`,
 * text or `n/a` makes the measure missing; a zero divisor makes it undefined (`zeroDenominator`). Exact:
 * decimal arithmetic with 40 significant digits, no rounding here.
 */
export function evaluateFormula(formula: Formula, lookup: FigureLookup, head: string): MeasureValue {
  if ('const' in formula) return { kind: 'value', value: new Dec(formula.const) };
  if ('figure' in formula) {
    const path = resolveFigure(formula.figure, head);
    const value = lookup(path);
    const n = value === undefined ? null : numericOf(value);
    if (n === null) return { kind: 'missing', why: `${path} ${value === undefined || value === null ? '为空' : `为“${value}”`}` };
    return { kind: 'value', value: n };
  }
  const args = formula.args.map((a) => evaluateFormula(a, lookup, head));
  const missing = args.find((a) => a.kind === 'missing');
  if (missing) return missing;
  const undefinedArg = args.find((a) => a.kind === 'zeroDenominator');
  if (undefinedArg) return undefinedArg;
  const values = args.map((a) => (a as { value: Dec }).value);
  switch (formula.op) {
    case 'add':
      return { kind: 'value', value: values.reduce((s, v) => s.plus(v)) };
    case 'sub':
      return { kind: 'value', value: values[0].minus(values[1]) };
    case 'mul':
      return { kind: 'value', value: values.reduce((s, v) => s.times(v)) };
    case 'div':
      if (values[1].isZero()) return { kind: 'zeroDenominator', why: `除数为 0（${describeFormula(formula.args[1], head)} = 0）` };
      return { kind: 'value', value: values[0].dividedBy(values[1]) };
  }
}

/** A formula in words, for notes and docs: `(basic.staffing.actual ÷ basic.staffing.authorized) × 100`. */
export function describeFormula(formula: Formula, head = '$'): string {
  if ('const' in formula) return formula.const;
  if ('figure' in formula) return resolveFigure(formula.figure, head);
  const symbol = { add: ' + ', sub: ' − ', mul: ' × ', div: ' ÷ ' }[formula.op];
  return formula.args.map((a) => ('op' in a ? `(${describeFormula(a, head)})` : describeFormula(a, head))).join(symbol);
}
