import type { MeasureMethod, TemplateNode } from '../index';
import { NATIONAL_DEFAULT_TEMPLATE, NATIONAL_TREE, scoreComputed, scoreFiling } from '../index';
import { filingOf, indicator, overallScore, withOverallTree } from './testing.spec-support';

/**
 * The execution row (年度资金总额): 执行率 = 全年执行数 ÷ 全年预算数 (rounded to 0.01%), scored by the
 * template's rule — proportional w × min(rate, 100%) by default; banded, a deduction, caps.
 */

const budget = (full: string | null, executed: string | null, extra: Record<string, string> = {}) => ({
  'overall.budget.full': full,
  'overall.budget.executed': executed,
  'overall.budget.weight': '10',
  'overall.budget.score': '10',
  ...extra,
});
const withExecution = (method: MeasureMethod, weight = '10') =>
  withOverallTree(NATIONAL_DEFAULT_TEMPLATE, [
    { kind: 'execution', id: 'execution', name: '预算执行率', weight, method },
    ...NATIONAL_TREE.slice(1).map((n): TemplateNode => (n.id === 'output' ? { ...n, weight: String(60 - Number(weight)) } : n)),
  ]);
const execution = (full: string | null, executed: string | null, template = NATIONAL_DEFAULT_TEMPLATE, extra: Record<string, string> = {}) => overallScore(budget(full, executed, extra), template).execution;

describe('proportional (national default): w × min(执行率, 100%)', () => {
  it.each([
    ['557.70', '557.70', '100.00%', '10.00'],
    ['557.7', '557.70', '100.00%', '10.00'],
    ['557.70', '500', '89.65%', '8.97'], // 89.6539…% → 89.65% → 8.965 → 8.97
    ['3', '2', '66.67%', '6.67'],
    ['100', '120', '120.00%', '10.00'],
    ['5', '0', '0.00%', '0.00'],
    ['800', '1', '0.13%', '0.01'],
  ])('%s of %s → %s → %s', (full, executed, rate, suggested) => {
    expect(execution(full, executed)).toMatchObject({ rate, suggested, contribution: suggested, status: 'scored', method: 'proportional' });
  });

  it('557.70 of 557.70 → 10, the row as printed beside it', () => {
    expect(execution('557.70', '557.70', NATIONAL_DEFAULT_TEMPLATE, { 'overall.budget.rate': '100%' })).toEqual({
      path: 'overall.budget',
      nodeId: 'execution',
      stated: { weight: '10', rate: '100%', score: '10' },
      rate: '100.00%',
      weight: '10.00',
      effectiveWeight: '10.00',
      suggested: '10.00',
      contribution: '10.00',
      status: 'scored',
      method: 'proportional',
      needsReview: false,
      notes: [],
      deviation: { required: false, triggers: [], explained: null },
    });
  });

  it('weight 20 (some counties): 95% → 19.00', () => {
    expect(execution('100', '95', withExecution({ kind: 'proportional', full: '100', zeroBelow: null }, '20'))).toMatchObject({ weight: '20.00', suggested: '19.00' });
  });

  it('a cap: nothing below 60%', () => {
    const capped = withExecution({ kind: 'proportional', full: '100', zeroBelow: '60' });
    expect(execution('100', '59.99', capped)?.suggested).toBe('0.00');
    expect(execution('100', '60', capped)?.suggested).toBe('6.00');
  });
});

describe('0/0 is not applicable, never 0%', () => {
  const figures = { ...budget('0', '0'), ...indicator('output.quality.指标', '100%', '100%', '50', '50') };

  it('the row is n/a and its 10 points go to its siblings', () => {
    const t = overallScore(figures);
    expect(t.execution).toMatchObject({ rate: 'n/a', status: 'notApplicable', suggested: null, effectiveWeight: '0.00', contribution: '0.00' });
    // 100 over 产出 50, 效益 30, 满意度 10: 55.56, 33.33, 11.11
    expect(t.nodes.map((n) => [n.id, n.effectiveWeight])).toEqual([
      ['execution', '0.00'],
      ['output', '55.56'],
      ['benefit', '33.33'],
      ['satisfaction', '11.11'],
    ]);
    expect(t.total.weight).toBe('100.00');
    expect(scoreComputed(scoreFiling(filingOf(figures), NATIONAL_DEFAULT_TEMPLATE))['overall.budget.score']).toBe('n/a');
  });

  it('spending against a budget of 0 is not n/a: the stated score is taken, for review', () => {
    expect(execution('0', '5')).toMatchObject({ rate: 'n/a', status: 'scored', method: 'manual', suggested: '10.00', needsReview: true });
  });

  it('a missing figure: the stated score is taken, or the row is pending without one', () => {
    expect(execution('100', null)).toMatchObject({ rate: null, method: 'manual', suggested: '10.00', needsReview: true });
    expect(overallScore({ 'overall.budget.full': '100' }).execution).toMatchObject({ status: 'pending', suggested: null, needsReview: true });
  });
});

describe('banded', () => {
  const banded = withExecution({
    kind: 'stepTable',
    steps: [
      { upTo: '60', inclusive: false, score: '0' },
      { upTo: '80', inclusive: false, score: '4' },
      { upTo: '90', inclusive: false, score: '6' },
      { upTo: '100', inclusive: false, score: '8' },
      { upTo: null, inclusive: true, score: '10' },
    ],
  });
  it.each([
    ['59.99', '0.00'],
    ['60', '4.00'],
    ['79.99', '4.00'],
    ['80', '6.00'],
    ['89.99', '6.00'],
    ['90', '8.00'],
    ['99.99', '8.00'],
    ['100', '10.00'],
    ['130', '10.00'],
  ])('%s%% → %s', (executed, suggested) => {
    expect(execution('100', executed, banded)).toMatchObject({ method: 'stepTable', suggested });
  });
});

describe('deductions (legacy Hunan 预算完成率: 100% → 5, each 5% below −2)', () => {
  const deduct = withExecution({ kind: 'deduction', direction: 'below', threshold: '100', per: '5', points: '2', stepping: 'proportional' }, '5');
  const started = withExecution({ kind: 'deduction', direction: 'below', threshold: '100', per: '5', points: '2', stepping: 'perStartedStep' }, '5');
  const completed = withExecution({ kind: 'deduction', direction: 'below', threshold: '100', per: '5', points: '2', stepping: 'perCompletedStep' }, '5');
  it.each([
    // [执行率, proportional, per started step, per completed step]
    ['100', '5.00', '5.00', '5.00'],
    ['97', '3.80', '3.00', '5.00'],
    ['95', '3.00', '3.00', '3.00'],
    ['94', '2.60', '1.00', '3.00'],
    ['87.5', '0.00', '0.00', '1.00'],
    ['80', '0.00', '0.00', '0.00'],
  ])('%s%% → %s / %s / %s', (executed, p, s, c) => {
    expect([deduct, started, completed].map((t) => execution('100', executed, t)?.suggested)).toEqual([p, s, c]);
  });
});

describe('when a 偏差原因 is required', () => {
  it('执行率 below 90%, or a budget adjusted (年初 ≠ 全年, or an adjustment recorded)', () => {
    expect(execution('100', '89.99')?.deviation).toEqual({ required: true, triggers: ['executionRateBelow'], explained: null });
    expect(execution('100', '90')?.deviation.required).toBe(false);
    expect(execution('557.70', '557.70', NATIONAL_DEFAULT_TEMPLATE, { 'overall.budget.initial': '81.51' })?.deviation.triggers).toEqual(['budgetAdjusted']);
    expect(execution('100', '100', NATIONAL_DEFAULT_TEMPLATE, { 'overall.budget.score': '9' })?.deviation.triggers).toEqual(['scoreBelowWeight']);
  });
});
