import type { FigureInput, FilingCommand, FilingEvent, FilingState } from '../index';
import { Dec, NOT_APPLICABLE, computedOf, decide, figuresOf, fold, formatAmount, formatExactAmount, formatRate, numericOf, rateOf, sumOf } from '../index';

/**
 * Computed figures (PRODUCT.md "Computed figures"): amounts with 2 decimals, rates as percentages with
 * 2 decimals rounded half-up, "n/a" for a zero denominator. The fixture's real numbers where it has them
 * (衡山县社会治理和网格化信息中心, 2023).
 */

const open: FilingCommand = { type: 'OpenFiling', countyCode: '430423', unitCode: 'wgzx', year: 2023 };

function stateOf(...commands: FilingCommand[]): FilingState {
  let state = fold([]);
  for (const command of [open, ...commands]) state = fold(decide(command, state), state);
  return state;
}
const record = (figures: Record<string, string | null>): FilingCommand => ({
  type: 'RecordFigures',
  figures: Object.entries(figures).map(([path, value]): FigureInput => ({ path, value })),
});
const set = (path: string, value: string | null): FilingCommand => ({ type: 'SetFigure', path, value });
const adjust = (path: string, direction: 'increase' | 'decrease', amount: string): FilingCommand => ({ type: 'AdjustBudget', path, direction, amount });
const addProject = (projectId: string, name: string | null, lineName: string | null): FilingCommand => ({ type: 'AddProject', projectId, name, lineName });

/** 附件二 and 附件三 indicator rows of the fixture: [l1.l2.name, target, actual, weight, score]. */
type Row = [string, string, string, string, string];
const OVERALL_ROWS: Row[] = [
  ['output.quantity.管理制度日趋完善', '100%', '100%', '12', '12'],
  ['output.quality.较好履行了工作职责，按期按质按量完成相关工作任务', '100%', '98%', '13', '12'],
  ['output.timeliness.完成时效', '按期完成，截止2023年12月', '按期完成', '12.5', '12.5'],
  ['output.cost.项目投资金额', '557.7', '557.7', '12.5', '12.5'],
  ['benefit.social.维护社会治安', '100%', '100%', '10', '10'],
  ['benefit.social.促进网格化管理', '100%', '100%', '10', '10'],
  ['benefit.ecological.绿色低碳环保', '100%', '95%', '10', '10'],
  ['benefit.sustainable.综合影响力', '100%', '100%', '10', '10'],
  ['satisfaction.serviceTarget.收益群众满意度', '100%', '98%', '10', '9'],
];
/** 附件三 综治中心建设: the same rows with its own actuals and scores (总分 97). */
const CENTRE_SCORES = ['12', '12', '12.5', '12.5', '10', '10', '10', '9', '9'];

function indicatorFigures(head: string, rows: Row[]): Record<string, string> {
  return Object.fromEntries(
    rows.flatMap(([at, target, actual, weight, score]) => [
      [`${head}.indicators.${at}.target`, target],
      [`${head}.indicators.${at}.actual`, actual],
      [`${head}.indicators.${at}.weight`, weight],
      [`${head}.indicators.${at}.score`, score],
    ]),
  );
}

/** The fixture as an importer records it: figures as printed, 全年预算数 stated. */
const FIXTURE: FilingCommand[] = [
  addProject('p1', '业务经费', '业务工作经费'),
  addProject('p2', null, '运行维护经费'),
  addProject('p3', '综治中心建设', '综治中心建设'),
  record({
    'basic.staffing.authorized': '10',
    'basic.staffing.actual': '7',
    'basic.staffing.controlRate': '70%',
    'basic.expense.threePublic.prevActual': '0',
    'basic.expense.threePublic.budget': '0.6',
    'basic.expense.threePublic.actual': '0',
    'basic.expense.reception.budget': '0.6',
    'basic.expense.reception.actual': '0',
    'basic.expense.projects.prevActual': '516.64',
    'basic.expense.projects.budget': '459.09',
    'basic.expense.projects.actual': '459.09',
    'basic.expense.project:业务工作经费.prevActual': '137.39',
    'basic.expense.project:业务工作经费.budget': '109.77',
    'basic.expense.project:业务工作经费.actual': '109.77',
    'basic.expense.project:运行维护经费.prevActual': '33.82',
    'basic.expense.project:综治中心建设.prevActual': '345.43',
    'basic.expense.project:综治中心建设.budget': '349.32',
    'basic.expense.project:综治中心建设.actual': '349.32',
    'basic.expense.publicFunds.prevActual': '5.86',
    'basic.expense.publicFunds.budget': '19.67',
    'basic.expense.publicFunds.actual': '19.67',
    'basic.expense.office.prevActual': '5.62',
    'basic.expense.office.budget': '4.92',
    'basic.expense.office.actual': '4.92',
    'basic.expense.utilitiesTravel.prevActual': '0.24',
    'basic.expense.utilitiesTravel.budget': '4.44',
    'basic.expense.utilitiesTravel.actual': '4.44',
    'basic.expense.meetingsTraining.budget': '0.32',
    'basic.expense.meetingsTraining.actual': '0.32',
    'basic.expense.procurement.prevActual': '——',
    'basic.expense.procurement.budget': '349.32',
    'basic.expense.procurement.actual': '349.32',
    'basic.expense.basicAdjustment.prevActual': '——',
    'overall.unitName': '衡山县社会治理和网格化信息中心',
    'overall.budget.initial': '81.51',
    'overall.budget.full': '557.70',
    'overall.budget.executed': '557.70',
    'overall.budget.weight': '10',
    'overall.budget.rate': '100%',
    'overall.budget.score': '10',
    'overall.funds.generalPublic': '208.37',
    'overall.funds.govFund': '349.32',
    'overall.funds.basic': '98.61',
    'overall.funds.project': '459.09',
    'overall.groups.output.weight': '50',
    'overall.groups.benefit.weight': '30',
    'overall.groups.satisfaction.weight': '10',
    ...indicatorFigures('overall', OVERALL_ROWS),
    'overall.total.weight': '100',
    'overall.total.score': '98',
    'project:业务经费.budget.initial': '3.5',
    'project:业务经费.budget.full': '109.77',
    'project:业务经费.budget.executed': '109.77',
    'project:业务经费.budget.weight': '10',
    'project:业务经费.budget.rate': '100%',
    'project:业务经费.budget.score': '10',
    'project:业务经费.funds.currentYear.initial': '3.5',
    'project:业务经费.funds.currentYear.full': '109.77',
    'project:业务经费.funds.currentYear.executed': '109.77',
    'project:业务经费.total.weight': '100',
    'project:业务经费.total.score': '98',
    'project:综治中心建设.budget.initial': '0',
    'project:综治中心建设.budget.full': '349.32',
    'project:综治中心建设.budget.executed': '349.32',
    'project:综治中心建设.budget.weight': '10',
    'project:综治中心建设.budget.rate': '100%',
    'project:综治中心建设.budget.score': '10',
    'project:综治中心建设.funds.currentYear.full': '349.32',
    'project:综治中心建设.funds.currentYear.executed': '349.32',
    'project:综治中心建设.funds.currentYear.weight': '10',
    'project:综治中心建设.funds.currentYear.rate': '100%',
    'project:综治中心建设.funds.currentYear.score': '10',
    ...indicatorFigures(
      'project:综治中心建设',
      OVERALL_ROWS.map(([at, target, , weight], i): Row => [at, target, '100%', weight, CENTRE_SCORES[i]]),
    ),
    'project:综治中心建设.total.weight': '100',
    'project:综治中心建设.total.score': '97',
  }),
];

describe('the fixture (衡山县社会治理和网格化信息中心, 2023)', () => {
  const state = stateOf(...FIXTURE);
  const computed = computedOf(state);

  it('computes exactly these figures', () => {
    expect(computed).toEqual({
      // 附件一
      'basic.staffing.controlRate': '70.00%',
      'basic.expense.threePublic.budget': '0.60',
      'basic.expense.threePublic.actual': '0.00',
      'basic.expense.projects.prevActual': '516.64',
      'basic.expense.projects.budget': '459.09',
      'basic.expense.projects.actual': '459.09',
      // 附件二: the stated 全年预算数 has no recorded adjustment, so it is not recomputed
      'overall.budget.rate': '100.00%',
      'overall.groups.output.weight': '50.00',
      'overall.groups.output.score': '49.00',
      'overall.groups.benefit.weight': '40.00',
      'overall.groups.benefit.score': '40.00',
      'overall.groups.satisfaction.weight': '10.00',
      'overall.groups.satisfaction.score': '9.00',
      'overall.total.weight': '110.00',
      'overall.total.score': '108.00',
      'overall.funds.sourceTotal': '557.69',
      'overall.funds.natureTotal': '557.70',
      // 附件三 业务经费: figures without indicators
      'project:业务经费.budget.rate': '100.00%',
      'project:业务经费.funds.currentYear.rate': '100.00%',
      'project:业务经费.total.weight': '10.00',
      'project:业务经费.total.score': '10.00',
      // 附件三 综治中心建设: the 当年财政拨款 sub-row's 分值 10 and 得分 10 are never counted
      'project:综治中心建设.budget.rate': '100.00%',
      'project:综治中心建设.funds.currentYear.rate': '100.00%',
      'project:综治中心建设.groups.output.weight': '50.00',
      'project:综治中心建设.groups.output.score': '49.00',
      'project:综治中心建设.groups.benefit.weight': '40.00',
      'project:综治中心建设.groups.benefit.score': '39.00',
      'project:综治中心建设.groups.satisfaction.weight': '10.00',
      'project:综治中心建设.groups.satisfaction.score': '9.00',
      'project:综治中心建设.total.weight': '110.00',
      'project:综治中心建设.total.score': '107.00',
    });
  });

  it('keeps the stated figures beside the computed ones', () => {
    const stated = figuresOf(state);
    // the stated 效益 heading (30) and 总分 (100 / 98) differ from the computed sums: rules compare them
    expect([stated['overall.groups.benefit.weight'], computed['overall.groups.benefit.weight']]).toEqual(['30', '40.00']);
    expect([stated['overall.total.weight'], computed['overall.total.weight']]).toEqual(['100', '110.00']);
    expect([stated['overall.total.score'], computed['overall.total.score']]).toEqual(['98', '108.00']);
    // 资金来源合计 557.69 ≠ 全年预算数 557.70: a real inconsistency of the fixture
    expect([stated['overall.budget.full'], computed['overall.funds.sourceTotal']]).toEqual(['557.70', '557.69']);
    expect([stated['basic.staffing.controlRate'], computed['basic.staffing.controlRate']]).toEqual(['70%', '70.00%']);
  });

  it('公用经费 is not a sum of its 其中 rows (19.67 ≠ 4.92 + 4.44 + 0.32)', () => {
    expect(Object.keys(computed).filter((p) => p.startsWith('basic.expense.publicFunds'))).toEqual([]);
  });
});

describe('执行率 (executed ÷ 全年预算数)', () => {
  const rate = (full: string | null, executed: string | null) => computedOf(stateOf(record({ 'overall.budget.full': full, 'overall.budget.executed': executed })))['overall.budget.rate'];

  it.each([
    ['557.70', '557.70', '100.00%'],
    ['557.7', '557.70', '100.00%'],
    ['3', '2', '66.67%'],
    ['3', '1', '33.33%'],
    ['8', '1', '12.50%'],
    ['800', '1', '0.13%'], // 0.125% rounded half-up, not to even
    ['16', '1', '6.25%'],
    ['100', '120', '120.00%'],
    ['5', '0', '0.00%'],
    ['1,000', '999.99', '100.00%'],
    ['1,000', '999.94', '99.99%'],
    ['1000000000', '1', '0.00%'],
    ['0', '0', 'n/a'],
    ['0', '5', 'n/a'],
    ['0.00', '5', 'n/a'],
  ])('%s / %s → %s', (full, executed, expected) => {
    expect(rate(full, executed)).toBe(expected);
  });

  it.each([
    ['no 执行数', '100', null],
    ['执行数 ——', '100', '——'],
    ['全年 ——', '——', '5'],
    ['nothing to divide by', null, '5'],
  ])('absent with %s', (_what, full, executed) => {
    expect(rate(full, executed)).toBeUndefined();
  });

  it('divides by 年初 when no 全年预算数 is stated', () => {
    const computed = computedOf(stateOf(record({ 'overall.budget.initial': '81.51', 'overall.budget.executed': '40.755' })));
    expect(computed['overall.budget.rate']).toBe('50.00%');
    expect(computed['overall.budget.full']).toBe('81.51');
  });

  it('for a project fund sub-row', () => {
    const computed = computedOf(stateOf(addProject('p1', '业务经费', null), record({ 'project:业务经费.funds.carryOver.full': '3', 'project:业务经费.funds.carryOver.executed': '2' })));
    expect(computed['project:业务经费.funds.carryOver.rate']).toBe('66.67%');
  });
});

describe('全年预算数 from 年初 and the adjustments', () => {
  it('年初 3.5 + 追加 106.27 = 109.77 (附件三 业务经费)', () => {
    const state = stateOf(addProject('p1', '业务经费', null), set('project:业务经费.budget.initial', '3.5'), adjust('project:业务经费.budget.full', 'increase', '106.27'), set('project:业务经费.budget.executed', '109.77'));
    expect(computedOf(state)).toMatchObject({ 'project:业务经费.budget.full': '109.77', 'project:业务经费.budget.rate': '100.00%' });
    expect(figuresOf(state)['project:业务经费.budget.full']).toBe('109.77');
  });

  it('increases and decreases, set or adjusted', () => {
    const state = stateOf(set('overall.budget.initial', '100'), adjust('overall.budget.full', 'increase', '20'), adjust('overall.budget.full', 'decrease', '5.5'), set('overall.budget.full', '120.25'));
    expect(state.overall.budget.total?.adjustments.map((a) => [a.direction, a.amount, a.fullAfter])).toEqual([
      ['increase', '20.00', '120.00'],
      ['decrease', '5.50', '114.50'],
      ['increase', '5.75', '120.25'],
    ]);
    expect(computedOf(state)['overall.budget.full']).toBe('120.25');
  });

  it('adjustments without 年初 start from 0', () => {
    expect(computedOf(stateOf(adjust('overall.budget.full', 'increase', '50')))['overall.budget.full']).toBe('50.00');
  });

  it('年初 alone is the 全年预算数', () => {
    expect(computedOf(stateOf(set('overall.budget.initial', '81.5')))['overall.budget.full']).toBe('81.50');
  });

  it('a stated 全年预算数 without adjustments is not recomputed', () => {
    const computed = computedOf(stateOf(record({ 'overall.budget.initial': '81.51', 'overall.budget.full': '557.70' })));
    expect(computed['overall.budget.full']).toBeUndefined();
  });

  it('rounds to 2 decimals half-up; the adjustment itself stays exact', () => {
    const state = stateOf(set('overall.budget.initial', '1'), adjust('overall.budget.full', 'increase', '0.005'));
    expect(state.overall.budget.total?.adjustments[0]).toMatchObject({ amount: '0.005', fullAfter: '1.005' });
    expect(computedOf(state)['overall.budget.full']).toBe('1.01');
  });
});

describe('control rates', () => {
  it.each([
    ['10', '7', '70.00%'],
    ['3', '2', '66.67%'],
    ['10', '10', '100.00%'],
    ['0', '0', 'n/a'],
    ['0', '3', 'n/a'],
  ])('staffing %s authorised, %s in post → %s', (authorized, actual, expected) => {
    expect(computedOf(stateOf(record({ 'basic.staffing.authorized': authorized, 'basic.staffing.actual': actual })))['basic.staffing.controlRate']).toBe(expected);
  });

  it('no staffing rate without both figures', () => {
    expect(computedOf(stateOf(record({ 'basic.staffing.actual': '7' })))['basic.staffing.controlRate']).toBeUndefined();
    expect(computedOf(stateOf(record({ 'basic.staffing.authorized': '——', 'basic.staffing.actual': '7' })))['basic.staffing.controlRate']).toBeUndefined();
  });

  it('buildings: area and investment', () => {
    const computed = computedOf(
      stateOf(record({ 'basic.buildings.approvedArea': '1000', 'basic.buildings.actualArea': '1050', 'basic.buildings.budgetInvestment': '300', 'basic.buildings.actualInvestment': '299.5' })),
    );
    expect(computed).toEqual({ 'basic.buildings.areaControlRate': '105.00%', 'basic.buildings.investmentControlRate': '99.83%' });
    expect(computedOf(stateOf(record({ 'basic.buildings.approvedArea': '0', 'basic.buildings.actualArea': '0' })))['basic.buildings.areaControlRate']).toBe(NOT_APPLICABLE);
  });
});

describe('weights and scores', () => {
  const head = 'project:综治中心建设';
  const base = [addProject('p1', '综治中心建设', null)];

  it('其中 sub-rows (funds.<row>.weight / score) are never counted', () => {
    const state = stateOf(
      ...base,
      record({
        [`${head}.budget.weight`]: '10',
        [`${head}.budget.score`]: '9.5',
        [`${head}.funds.currentYear.weight`]: '10',
        [`${head}.funds.currentYear.score`]: '10',
        [`${head}.funds.carryOver.weight`]: '5',
        [`${head}.funds.other.score`]: '5',
        [`${head}.indicators.output.quantity.管理制度日趋完善.weight`]: '12',
        [`${head}.indicators.output.quantity.管理制度日趋完善.score`]: '12',
      }),
    );
    expect(computedOf(state)).toMatchObject({ [`${head}.total.weight`]: '22.00', [`${head}.total.score`]: '21.50' });
  });

  it('sums exactly and rounds half-up (1.005 → 1.01, 0.125 + 0.2 → 0.33)', () => {
    const computed = computedOf(
      stateOf(
        record({
          'overall.indicators.output.quantity.a.weight': '1.005',
          'overall.indicators.benefit.social.b.weight': '0.125',
          'overall.indicators.benefit.economic.c.weight': '0.2',
          'overall.indicators.benefit.social.b.score': '0.1',
          'overall.indicators.benefit.economic.c.score': '0.2',
        }),
      ),
    );
    expect(computed).toEqual({
      'overall.groups.output.weight': '1.01',
      'overall.groups.output.score': '0.00',
      'overall.groups.benefit.weight': '0.33',
      'overall.groups.benefit.score': '0.30',
      'overall.total.weight': '1.33',
      'overall.total.score': '0.30',
    });
  });

  it('a group sums the indicators under its 一级 across all 二级', () => {
    const computed = computedOf(stateOf(record(indicatorFigures('overall', OVERALL_ROWS.slice(4, 8)))));
    expect(computed['overall.groups.benefit.weight']).toBe('40.00');
    expect(computed['overall.groups.benefit.score']).toBe('40.00');
    expect(computed['overall.groups.output.weight']).toBeUndefined();
  });

  it('a heading without indicators sums to 0.00', () => {
    const computed = computedOf(stateOf(set('overall.groups.benefit.weight', '30')));
    expect(computed).toEqual({ 'overall.groups.benefit.weight': '0.00', 'overall.groups.benefit.score': '0.00' });
  });

  it('—— and empty scores are not counted; the total is absent when nothing is numeric', () => {
    const computed = computedOf(stateOf(record({ 'overall.indicators.output.quantity.a.score': '——', 'overall.indicators.output.quality.b.target': '100%' })));
    expect(computed).toEqual({ 'overall.groups.output.weight': '0.00', 'overall.groups.output.score': '0.00' });
  });

  it('a weight of —— (not applicable) is not counted', () => {
    const computed = computedOf(stateOf(record({ 'overall.indicators.output.quantity.a.weight': '——', 'overall.indicators.output.quality.b.weight': '13', 'overall.budget.weight': '——' })));
    expect(computed).toMatchObject({ 'overall.groups.output.weight': '13.00', 'overall.total.weight': '13.00' });
  });

  it('a stated total with nothing to sum computes 0.00', () => {
    expect(computedOf(stateOf(record({ 'overall.total.weight': '100', 'overall.total.score': '98' })))).toEqual({ 'overall.total.weight': '0.00', 'overall.total.score': '0.00' });
  });

  it('a score corrected is counted once, at its new value', () => {
    const state = stateOf(set('overall.indicators.output.quantity.a.score', '12'), set('overall.indicators.output.quantity.a.score', '11.5'));
    expect(computedOf(state)['overall.total.score']).toBe('11.50');
  });

  it('a removed indicator is no longer counted', () => {
    const state = stateOf(set('overall.indicators.output.quantity.a.weight', '12'), set('overall.indicators.output.quality.b.weight', '13'), { type: 'RemoveIndicator', path: 'overall.indicators.output.quantity.a' });
    expect(computedOf(state)).toMatchObject({ 'overall.groups.output.weight': '13.00', 'overall.total.weight': '13.00' });
  });
});

describe('expense lines that are sums', () => {
  it('公务用车购置和维护经费 = 购置 + 运行维护; 三公经费 = 公车 + 出国 + 公务接待', () => {
    const computed = computedOf(
      stateOf(
        record({
          'basic.expense.vehiclePurchase.budget': '1.2',
          'basic.expense.vehicleOperation.budget': '3.4',
          'basic.expense.overseas.budget': '0.5',
          'basic.expense.reception.budget': '0.6',
          'basic.expense.vehicleOperation.actual': '2',
        }),
      ),
    );
    expect(computed).toEqual({
      'basic.expense.vehicle.budget': '4.60',
      'basic.expense.threePublic.budget': '5.70',
      'basic.expense.vehicle.actual': '2.00',
      'basic.expense.threePublic.actual': '2.00',
    });
  });

  it('三公经费 uses the stated 公车 line where there is one', () => {
    const computed = computedOf(
      stateOf(record({ 'basic.expense.vehicle.budget': '5', 'basic.expense.vehiclePurchase.budget': '1.2', 'basic.expense.vehicleOperation.budget': '3.4', 'basic.expense.reception.budget': '0.6' })),
    );
    expect(computed['basic.expense.vehicle.budget']).toBe('4.60');
    expect(computed['basic.expense.threePublic.budget']).toBe('5.60');
  });

  it('项目支出 sums the project lines (—— and empty not counted), not the 附件三 tables', () => {
    const computed = computedOf(
      stateOf(
        addProject('p1', '业务经费', '业务工作经费'),
        addProject('p2', null, '运行维护经费'),
        addProject('p3', '综治中心建设', null),
        record({
          'basic.expense.project:业务工作经费.budget': '109.77',
          'basic.expense.project:运行维护经费.budget': '——',
          'basic.expense.project:运行维护经费.prevActual': '33.82',
          'project:综治中心建设.budget.full': '349.32',
        }),
      ),
    );
    expect(computed['basic.expense.projects.budget']).toBe('109.77');
    expect(computed['basic.expense.projects.prevActual']).toBe('33.82');
    expect(computed['basic.expense.projects.actual']).toBeUndefined();
  });

  it('a removed project line is no longer counted', () => {
    const computed = computedOf(
      stateOf(addProject('p1', null, 'a'), addProject('p2', null, 'b'), set('basic.expense.project:a.budget', '1'), set('basic.expense.project:b.budget', '2'), { type: 'RemoveProject', name: 'a' }),
    );
    expect(computed['basic.expense.projects.budget']).toBe('2.00');
  });
});

describe('funds subtotals', () => {
  it('按收入性质 and 按支出性质', () => {
    const computed = computedOf(stateOf(record({ 'overall.funds.generalPublic': '208.37', 'overall.funds.govFund': '349.32', 'overall.funds.specialAccount': '——', 'overall.funds.other': '0.01', 'overall.funds.basic': '98.61' })));
    expect(computed).toEqual({ 'overall.funds.sourceTotal': '557.70', 'overall.funds.natureTotal': '98.61' });
  });

  it('absent when no category holds a number', () => {
    expect(computedOf(stateOf(record({ 'overall.funds.sourceTotal': '557.70' })))).toEqual({});
  });
});

describe('formats', () => {
  it('numericOf reads a stored value, or null', () => {
    expect(numericOf('1,234.50')?.toString()).toBe('1234.5');
    expect(numericOf('98%')?.toString()).toBe('98');
    expect(numericOf('-2.5')?.toString()).toBe('-2.5');
    expect(numericOf(' 12 ')?.toString()).toBe('12');
    for (const value of ['——', '', '按期完成', '1e3', '0x10', 'NaN', 'Infinity', '1.2.3', null]) expect(numericOf(value)).toBeNull();
  });

  it('formatAmount: 2 decimals, half-up, never exponent notation', () => {
    expect(formatAmount(new Dec('557.7'))).toBe('557.70');
    expect(formatAmount(new Dec('2.675'))).toBe('2.68');
    expect(formatAmount(new Dec('-2.675'))).toBe('-2.68');
    expect(formatAmount(new Dec('1e21'))).toBe('1000000000000000000000.00');
    expect(formatAmount(new Dec('1e-9'))).toBe('0.00');
  });

  it('formatExactAmount: exact, at least 2 decimals, never exponent notation', () => {
    expect(formatExactAmount(new Dec('106.27'))).toBe('106.27');
    expect(formatExactAmount(new Dec('42.3'))).toBe('42.30');
    expect(formatExactAmount(new Dec('0.0049'))).toBe('0.0049');
    expect(formatExactAmount(new Dec('1e21'))).toBe('1000000000000000000000.00');
    expect(formatExactAmount(new Dec('1e-7'))).toBe('0.0000001');
  });

  it('formatRate and rateOf', () => {
    expect(formatRate(new Dec(1))).toBe('100.00%');
    expect(formatRate(new Dec('0.00005'))).toBe('0.01%');
    expect(rateOf('2', '3')).toBe('66.67%');
    expect(rateOf(new Dec(1), new Dec(8))).toBe('12.50%');
    expect(rateOf('0', '0')).toBe('n/a');
    expect(rateOf('1', '——')).toBeNull();
    expect(rateOf(null, '1')).toBeNull();
  });

  it('sumOf adds the numeric values, null when there are none', () => {
    expect(sumOf(['12.5', '——', null, '12.5', '1,000'])?.toString()).toBe('1025');
    expect(sumOf(['——', null])).toBeNull();
    expect(sumOf([])).toBeNull();
  });

  it('every computed value of the fixture has the fixed format', () => {
    for (const value of Object.values(computedOf(stateOf(...FIXTURE)))) expect(value).toMatch(/^(?:-?\d+\.\d{2}%?|n\/a)$/u);
  });
});

/** The events the fixture produces carry amounts as strings only. */
describe('the fixture as events', () => {
  it('is stated, never adjusted', () => {
    const events: FilingEvent[] = [];
    let state = fold([]);
    for (const command of [open, ...FIXTURE]) {
      const produced = decide(command, state);
      events.push(...produced);
      state = fold(produced, state);
    }
    expect(events.filter((e) => e.type === 'BudgetAdjusted')).toEqual([]);
    expect(events.filter((e) => e.type === 'FullBudgetStated')).toHaveLength(5);
  });
});
