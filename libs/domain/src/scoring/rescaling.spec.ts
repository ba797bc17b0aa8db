import type { TemplateNode } from '../index';
import { NATIONAL_DEFAULT_TEMPLATE, scoreComputed, scoreFiling } from '../index';
import { filingOf, indicator, overallScore, withOverallTree } from './testing.spec-support';

/**
 * "Not applicable" leaves (target or actual `——`, 执行率 0/0) give their weight to their applicable
 * siblings, in proportion to the siblings' weights; a filing's indicators are fitted to their template node
 * the same way; pending leaves (a person must score them) give theirs to everything scored.
 */

const BUDGET = { 'overall.budget.full': '100', 'overall.budget.executed': '100' };
const BENEFIT = (third: [string, string]) => ({
  ...indicator('benefit.social.甲', '100%', '100%', '10', '10'),
  ...indicator('benefit.social.乙', '100%', '90%', '10', '9'),
  ...indicator('benefit.ecological.丙', third[0], third[1], '10', null),
});
const rows = (figures: Record<string, string | null>) => overallScore({ ...BUDGET, ...figures }).indicators.map((r) => [r.name, r.status, r.suggested, r.effectiveWeight, r.contribution]);

describe('not applicable → rescaled', () => {
  it('a target "——": its 10 points go to its two siblings (30 = 15 + 15)', () => {
    expect(rows(BENEFIT(['——', '100%']))).toEqual([
      ['甲', 'scored', '10.00', '15.00', '15.00'],
      ['乙', 'scored', '9.00', '15.00', '13.50'],
      ['丙', 'notApplicable', null, '0.00', '0.00'],
    ]);
  });

  it('an actual "——" likewise; the note says so and the computed map says n/a', () => {
    const t = overallScore({ ...BUDGET, ...BENEFIT(['100%', '——']) });
    expect(t.indicators[2].notes).toEqual(['实际完成值为“——”：不适用，分值按比例分给同级适用指标']);
    const computed = scoreComputed(scoreFiling(filingOf({ ...BUDGET, ...BENEFIT(['100%', '——']) }), NATIONAL_DEFAULT_TEMPLATE));
    expect(computed['overall.indicators.benefit.ecological.丙.score']).toBe('n/a');
    expect(computed['overall.groups.benefit.score']).toBe('28.50');
  });

  it('without one: the three share the template’s 30 in proportion to their stated 10s', () => {
    expect(rows(BENEFIT(['100%', '100%']))).toEqual([
      ['甲', 'scored', '10.00', '10.00', '10.00'],
      ['乙', 'scored', '9.00', '10.00', '9.00'],
      ['丙', 'scored', '10.00', '10.00', '10.00'],
    ]);
  });

  it('unequal weights: 13 and 12 share 50 when the 25 of a third are not applicable', () => {
    const t = overallScore({
      ...BUDGET,
      ...indicator('output.quality.甲', '100%', '100%', '13', '13'),
      ...indicator('output.quantity.乙', '100%', '50%', '12', '6'),
      ...indicator('output.cost.丙', '——', '——', '25', null),
    });
    // 50 × 13/25 = 26, 50 × 12/25 = 24; 乙 scores 6 of 12 → 12 of 24
    expect(t.indicators.map((r) => [r.name, r.suggested, r.effectiveWeight, r.contribution])).toEqual([
      ['甲', '13.00', '26.00', '26.00'],
      ['乙', '6.00', '24.00', '12.00'],
      ['丙', null, '0.00', '0.00'],
    ]);
    expect(t.groups[0]).toMatchObject({ level1: 'output', stated: { weight: '50.00', score: '19.00' }, templateWeight: '50.00', effectiveWeight: '50.00', suggested: '38.00' });
  });

  it('a whole group not applicable: its weight goes to the other groups (100 stays 100)', () => {
    const t = overallScore({
      ...BUDGET,
      ...indicator('output.quality.甲', '100%', '100%', '50', '50'),
      ...indicator('benefit.social.乙', '100%', '100%', '30', '30'),
      ...indicator('satisfaction.serviceTarget.丙', '——', '——', '10', null),
    });
    // 100 over 10, 50, 30: 11.11…, 55.55…, 33.33… — the left cent to the largest remainder (55.555…)
    expect(t.nodes.map((n) => [n.id, n.status, n.effectiveWeight, n.score])).toEqual([
      ['execution', 'scored', '11.11', '11.11'],
      ['output', 'scored', '55.56', '55.56'],
      ['benefit', 'scored', '33.33', '33.33'],
      ['satisfaction', 'notApplicable', '0.00', '0.00'],
    ]);
    expect(t.total).toMatchObject({ weight: '100.00', suggested: '100.00' });
  });

  it('a measure the template declares n/a when undefined', () => {
    const tree: TemplateNode[] = [
      { kind: 'execution', id: 'execution', name: '预算执行率', weight: '10', method: { kind: 'proportional', full: '100', zeroBelow: null } },
      {
        kind: 'group',
        id: 'control',
        name: '控制',
        weight: '90',
        children: [
          {
            kind: 'measure',
            id: 'publicFunds',
            name: '公用经费控制率',
            weight: '45',
            unit: '%',
            formula: { op: 'mul', args: [{ op: 'div', args: [{ figure: 'basic.expense.publicFunds.actual' }, { figure: 'basic.expense.publicFunds.budget' }] }, { const: '100' }] },
            method: { kind: 'lessEqual', target: '100', variant: 'ratio' },
            whenMissing: 'notApplicable',
            whenZeroDenominator: 'notApplicable',
          },
          {
            kind: 'measure',
            id: 'procurement',
            name: '政府采购执行率',
            weight: '45',
            unit: '%',
            formula: { op: 'mul', args: [{ op: 'div', args: [{ figure: 'basic.expense.procurement.actual' }, { figure: 'basic.expense.procurement.budget' }] }, { const: '100' }] },
            method: { kind: 'greaterEqual', target: '100' },
            whenMissing: 'notApplicable',
            whenZeroDenominator: 'notApplicable',
          },
        ],
      },
    ];
    const t = overallScore({ ...BUDGET, 'basic.expense.procurement.budget': '349.32', 'basic.expense.procurement.actual': '314.388' }, withOverallTree(NATIONAL_DEFAULT_TEMPLATE, tree));
    const control = t.nodes[1];
    expect(control.children.map((n) => [n.id, n.status, n.measure, n.suggested, n.effectiveWeight, n.score])).toEqual([
      ['publicFunds', 'notApplicable', null, null, '0.00', '0.00'],
      // 314.388 / 349.32 = 90.00% → 45 × 0.9 = 40.5 of 45, counting 90 → 81
      ['procurement', 'scored', '90.00%', '40.50', '90.00', '81.00'],
    ]);
    expect(t.total.suggested).toBe('91.00');
  });
});

describe('pending → rescaled over everything scored', () => {
  it('an indicator that needs review and has no stated score gives its weight to the whole table', () => {
    const t = overallScore({
      ...BUDGET,
      ...indicator('output.quality.甲', '100%', '100%', '25', '25'),
      ...indicator('output.quantity.乙', '较上年提高5%', '提高6%', '25', null),
      ...indicator('benefit.social.丙', '100%', '100%', '30', '30'),
      ...indicator('satisfaction.serviceTarget.丁', '100%', '100%', '10', '10'),
    });
    // scored: 10 + 25 + 30 + 10 = 75 of 100 → × 4/3
    expect(t.indicators.map((r) => [r.name, r.status, r.needsReview, r.effectiveWeight, r.contribution])).toEqual([
      ['甲', 'scored', false, '33.33', '33.33'],
      ['乙', 'pending', true, '0.00', '0.00'],
      ['丙', 'scored', false, '40.00', '40.00'],
      ['丁', 'scored', false, '13.33', '13.33'],
    ]);
    // 13.333…, 33.333…, 40, 13.333…: the cent left goes to the first of the tied remainders
    expect(t.execution?.effectiveWeight).toBe('13.34');
    expect(t.total).toMatchObject({ weight: '100.00', suggested: '100.00' });
    expect(t.needsReview).toBe(1);
  });
});
