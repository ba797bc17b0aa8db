import type { FilingCommand } from '../filing/filing.commands';
import { NATIONAL_DEFAULT_TEMPLATE } from '../scoring/national-default.template';
import { P_RULES } from './p-rules';
import { addProject, after, briefs, cleanFiling, findingsOf, indicator, record, set } from './xp.spec-support';

/** P01–P08 on a filing built for each, the same filing corrected, and the clean filing. */

const clean = cleanFiling();
const only = (id: string) => (state: ReturnType<typeof cleanFiling>) => briefs(state, [id]);

describe('P rules', () => {
  it('are P01–P08 in catalogue order, with the catalogue severities', () => {
    expect(P_RULES.map((r) => [r.id, r.group, r.defaultSeverity])).toEqual([
      ['P01', 'P', 'warning'],
      ['P02', 'P', 'warning'],
      ['P03', 'P', 'info'],
      ['P04', 'P', 'info'],
      ['P05', 'P', 'info'],
      ['P06', 'P', 'warning'],
      ['P07', 'P', 'info'],
      ['P08', 'P', 'warning'],
    ]);
  });

  it('raise nothing on the clean filing', () => {
    expect(findingsOf(clean, P_RULES.map((r) => r.id))).toEqual([]);
  });
});

describe('P01 large mid-year adjustment', () => {
  const p01 = only('P01');

  it('an adjustment above 20% of 年初: warning; 年初 raised so that it is not: gone', () => {
    // 年初 55, 全年 60 → 80 by an edit (a recorded 追加 of 20): 25 / 55 = 45.45%
    const large = after(clean, set('project:站点建设.budget.full', '80'));
    expect(p01(large)).toEqual([{ ruleId: 'P01', severity: 'warning', table: 'project:站点建设', path: 'project:站点建设.budget.full', expected: '11.00', actual: '25.00' }]);
    expect(findingsOf(large, ['P01'])[0].message).toContain('为年初预算的 45.45%，超过 20%');
    expect(p01(after(large, set('project:站点建设.budget.initial', '70')))).toEqual([]);
  });

  it('年初 0 and 全年 not: warning; a 年初 stated: gone', () => {
    const zero = after(clean, set('project:网格员培训.budget.initial', '0'));
    expect(p01(zero)).toEqual([{ ruleId: 'P01', severity: 'warning', table: 'project:网格员培训', path: 'project:网格员培训.budget.full', expected: '0.00', actual: '40.00' }]);
    expect(findingsOf(zero, ['P01'])[0].message).toContain('年初预算数为 0');
    expect(p01(after(zero, set('project:网格员培训.budget.initial', '40')))).toEqual([]);
  });

  it('a decrease counts too (调减)', () => {
    const cut = after(clean, set('overall.budget.initial', '260'));
    expect(p01(cut)).toEqual([{ ruleId: 'P01', severity: 'warning', table: 'overall', path: 'overall.budget.full', expected: '52.00', actual: '60.00' }]);
    expect(findingsOf(cut, ['P01'])[0].message).toContain('调减');
  });

  it('exactly 20% is not above; an empty 年初 is not 0: silent', () => {
    expect(p01(after(clean, record({ 'project:网格员培训.budget.full': '48' })))).toEqual([]);
    expect(p01(after(clean, record({ 'project:网格员培训.budget.full': '48.01' })))).toHaveLength(1);
    expect(p01(after(clean, record({ 'project:网格员培训.budget.initial': '50', 'project:网格员培训.budget.full': '40' })))).toEqual([]);
    expect(p01(after(clean, set('project:网格员培训.budget.initial', null)))).toEqual([]);
  });

  it('reads its threshold from the template', () => {
    const strict = structuredClone(NATIONAL_DEFAULT_TEMPLATE);
    strict.parameters.anomalies.P01AdjustmentShare = '5';
    // 附件二 190 → 200 is 5.26%; 站点建设 55 → 60 is 9.09%
    expect(findingsOf(clean, ['P01'], strict).map((f) => f.table)).toEqual(['overall', 'project:站点建设']);
  });
});

describe('P02 执行率 below 90%', () => {
  const p02 = only('P02');

  it('fires on 附件二 below 90%; corrected spending: gone', () => {
    const low = after(clean, set('overall.budget.executed', '170'));
    expect(p02(low)).toEqual([{ ruleId: 'P02', severity: 'warning', table: 'overall', path: 'overall.budget.rate', expected: '90', actual: '85.00' }]);
    expect(p02(after(low, set('overall.budget.executed', '196')))).toEqual([]);
  });

  it('fires on a 附件三; exactly 90% does not', () => {
    expect(p02(after(clean, set('project:网格员培训.budget.executed', '30')))).toEqual([
      { ruleId: 'P02', severity: 'warning', table: 'project:网格员培训', path: 'project:网格员培训.budget.rate', expected: '90', actual: '75.00' },
    ]);
    expect(p02(after(clean, set('project:网格员培训.budget.executed', '36')))).toEqual([]);
  });

  it('reads the stated rate where the figures cannot give one; 0/0 is not applicable', () => {
    expect(p02(after(clean, set('project:网格员培训.budget.executed', null), set('project:网格员培训.budget.rate', '80%')))[0]).toMatchObject({ actual: '80.00' });
    expect(p02(after(clean, record({ 'project:网格员培训.budget.full': '0', 'project:网格员培训.budget.executed': '0' })))).toEqual([]);
  });
});

describe('P03 every indicator full and actual = target', () => {
  const p03 = only('P03');
  const inflate: FilingCommand = record({
    'overall.indicators.output.quantity.开展业务培训.actual': '500人次',
    'overall.indicators.output.timeliness.完成及时率.actual': '95%',
    'overall.indicators.output.cost.项目成本控制.actual': '100万元',
    'overall.indicators.benefit.social.群众知晓率.actual': '90%',
    'overall.indicators.benefit.social.群众知晓率.score': '30',
    'overall.indicators.satisfaction.serviceTarget.服务对象满意度.actual': '90%',
  });

  it('fires once for the table; one score below full: gone', () => {
    const inflated = after(clean, inflate);
    expect(p03(inflated)).toEqual([{ ruleId: 'P03', severity: 'info', table: 'overall', path: 'overall.total.score', expected: null, actual: null }]);
    expect(findingsOf(inflated, ['P03'])[0].message).toContain('6 项绩效指标全部得满分');
    expect(p03(after(inflated, set('overall.indicators.benefit.social.群众知晓率.score', '29')))).toEqual([]);
  });

  it('an actual above the target is not "= target"; a qualitative target met by its criterion is', () => {
    expect(p03(after(clean, inflate, set('overall.indicators.benefit.social.群众知晓率.actual', '91%')))).toEqual([]);
    const project = after(
      clean,
      record({
        'project:站点建设.indicators.benefit.social.站点覆盖率.actual': '80%',
        'project:站点建设.indicators.benefit.social.站点覆盖率.score': '30',
        'project:站点建设.indicators.satisfaction.serviceTarget.群众满意度.actual': '90%',
        'project:站点建设.indicators.output.cost.建设成本.actual': '60万元',
      }),
    );
    // 建设完成时间: 按期完成，截止2023年12月 → 按期完成 (met by the criterion)
    expect(p03(project)).toEqual([{ ruleId: 'P03', severity: 'info', table: 'project:站点建设', path: 'project:站点建设.total.score', expected: null, actual: null }]);
  });
});

describe('P04 boilerplate projects', () => {
  const p04 = only('P04');
  const A = 'project:站点建设';
  const C = 'project:治安巡防';
  const copyOfA = (count: number, goal: string | null): FilingCommand[] => {
    const rows: [string, string, string, string, string][] = [
      ['output.quantity.新建站点数量', '≥3个', '3个', '15', '15'],
      ['output.quality.站点验收合格率', '100%', '100%', '15', '15'],
      ['output.timeliness.建设完成时间', '按期完成，截止2023年12月', '按期完成', '10', '10'],
      ['output.cost.建设成本', '≤30万元', '29万元', '10', '10'],
      ['benefit.social.站点覆盖率', '≥80%', '85%', '30', '28'],
      ['satisfaction.serviceTarget.群众满意度', '≥90%', '93%', '10', '10'],
    ];
    return [
      addProject('pc', '治安巡防', '治安巡防'),
      record({
        [`${C}.budget.initial`]: '30',
        [`${C}.budget.full`]: '30',
        [`${C}.budget.executed`]: '30',
        [`${C}.goals.1.expected`]: goal,
        ...Object.assign({}, ...rows.slice(0, count).map(([at, t, a, w, s]) => indicator(C, at, t, a, w, s))),
      }),
    ];
  };

  it('the same indicator set (6 of 6, ignoring values): info in the later table; indicators replaced: gone', () => {
    const copied = after(clean, ...copyOfA(6, '开展全县治安巡防，全年巡防不少于 200 次'));
    expect(p04(copied)).toEqual([{ ruleId: 'P04', severity: 'info', table: C, path: `${C}.indicators.output.quantity.新建站点数量.target`, expected: '0.8', actual: '1.00' }]);
    const fixed = after(
      copied,
      { type: 'RemoveIndicator', path: `${C}.indicators.output.quantity.新建站点数量` },
      { type: 'RemoveIndicator', path: `${C}.indicators.benefit.social.站点覆盖率` },
      record({ ...indicator(C, 'output.quantity.巡防次数', '≥200次', '210次', '15', '15'), ...indicator(C, 'benefit.social.治安案件下降比例', '≥5%', '6%', '30', '30') }),
    );
    // 4 shared of 8: 0.50
    expect(p04(fixed)).toEqual([]);
  });

  it('5 shared of 7 (0.71) is below 0.8; fewer than 4 indicators are not compared', () => {
    const five = after(clean, ...copyOfA(6, '开展全县治安巡防，全年巡防不少于 200 次'), { type: 'RemoveIndicator', path: `${C}.indicators.output.cost.建设成本` }, record(indicator(C, 'output.cost.巡防成本', '≤30万元', '29万元', '10', '10')));
    expect(p04(five)).toEqual([]);
    const three = after(clean, ...copyOfA(3, '开展全县治安巡防，全年巡防不少于 200 次'));
    expect(p04(three)).toEqual([]);
  });

  it('the same goal word for word: info; the goal rewritten: gone', () => {
    const goal = '建成 3 个基层综治站点并投入使用';
    const copied = after(clean, ...copyOfA(2, goal));
    expect(p04(copied)).toEqual([{ ruleId: 'P04', severity: 'info', table: C, path: `${C}.goals.1.expected`, expected: '0.8', actual: '0.33' }]);
    expect(findingsOf(copied, ['P04'])[0].paths).toEqual([`${C}.goals.1.expected`, `${A}.goals.1.expected`]);
    expect(p04(after(copied, set(`${C}.goals.1.expected`, '开展全县治安巡防，全年巡防不少于 200 次')))).toEqual([]);
  });

  it('a short or numeric goal ("100%") is not boilerplate', () => {
    expect(p04(after(clean, ...copyOfA(2, '100%'), set(`${A}.goals.2.expected`, '100%')))).toEqual([]);
  });
});

describe('P05 vague targets', () => {
  const p05 = only('P05');

  it('a percentage on an indicator that is not a rate: info on the target; a count instead: gone', () => {
    const vague = after(clean, set('project:站点建设.indicators.output.quantity.新建站点数量.target', '100%'));
    expect(p05(vague)).toEqual([
      { ruleId: 'P05', severity: 'info', table: 'project:站点建设', path: 'project:站点建设.indicators.output.quantity.新建站点数量.target', expected: null, actual: null },
    ]);
    expect(p05(after(vague, set('project:站点建设.indicators.output.quantity.新建站点数量.target', '≥3个')))).toEqual([]);
  });

  it('a qualitative target with no criterion: info; a deadline instead: gone', () => {
    const vague = after(clean, set('overall.indicators.output.quantity.开展业务培训.target', '进一步提高'));
    expect(p05(vague)).toEqual([{ ruleId: 'P05', severity: 'info', table: 'overall', path: 'overall.indicators.output.quantity.开展业务培训.target', expected: null, actual: null }]);
    expect(p05(after(vague, set('overall.indicators.output.quantity.开展业务培训.target', '按期完成，截止2023年12月')))).toEqual([]);
  });

  it('rates, shares and satisfaction take percentages; a qualitative target with a criterion is measurable', () => {
    const fine = after(
      clean,
      record({
        ...indicator('overall', 'benefit.social.财政资金占比', '≥30%', '31%', '0', '0'),
        ...indicator('overall', 'benefit.social.困难群众救助比例', '100%', '100%', '0', '0'),
        ...indicator('overall', 'satisfaction.serviceTarget.群众评价', '≥90%', '91%', '0', '0'),
        ...indicator('overall', 'output.quality.系统运行', '稳定运行，全年无重大故障', '稳定运行', '0', '0'),
      }),
    );
    expect(p05(fine)).toEqual([]);
  });
});

describe('P06 controlled expense above its budget', () => {
  const p06 = only('P06');

  it('公用经费 over its budget: warning naming the 其中 line over too; each fixed in turn: gone', () => {
    const over = after(clean, record({ 'basic.expense.publicFunds.actual': '12.20', 'basic.expense.office.actual': '6.50' }));
    expect(p06(over)).toEqual([{ ruleId: 'P06', severity: 'warning', table: 'basic', path: 'basic.expense.publicFunds.actual', expected: '12.00', actual: '12.20' }]);
    expect(findingsOf(over, ['P06'])[0].message).toContain('其中“办公经费”超出预算');
    // the total within budget, a 其中 line still over: reported on the line
    const line = after(over, set('basic.expense.publicFunds.actual', '11.90'));
    expect(p06(line)).toEqual([{ ruleId: 'P06', severity: 'warning', table: 'basic', path: 'basic.expense.office.actual', expected: '6.00', actual: '6.50' }]);
    expect(p06(after(line, set('basic.expense.office.actual', '5.80')))).toEqual([]);
  });

  it('三公经费 (stated, else computed from its lines) and 楼堂馆所 investment', () => {
    expect(p06(after(clean, set('basic.expense.reception.actual', '1.30'), set('basic.expense.threePublic.actual', '1.30')))).toEqual([
      { ruleId: 'P06', severity: 'warning', table: 'basic', path: 'basic.expense.threePublic.actual', expected: '1.20', actual: '1.30' },
    ]);
    const computedOnly = after(clean, record({ 'basic.expense.threePublic.budget': null, 'basic.expense.threePublic.actual': null, 'basic.expense.threePublic.prevActual': null, 'basic.expense.overseas.budget': '0', 'basic.expense.overseas.actual': '0.50' }));
    expect(p06(computedOnly).map((f) => f.path)).toEqual(['basic.expense.threePublic.actual']);
    const buildings = after(clean, record({ 'basic.buildings.budgetInvestment': '100', 'basic.buildings.actualInvestment': '120' }));
    expect(p06(buildings)).toEqual([{ ruleId: 'P06', severity: 'warning', table: 'basic', path: 'basic.buildings.actualInvestment', expected: '100.00', actual: '120.00' }]);
    expect(p06(after(buildings, set('basic.buildings.actualInvestment', '98')))).toEqual([]);
  });

  it('0.01 over is rounding (info)', () => {
    expect(p06(after(clean, set('basic.expense.meetingsTraining.actual', '1.51')))[0]).toMatchObject({ severity: 'info', path: 'basic.expense.meetingsTraining.actual' });
  });
});

describe('P07 year over year beyond ±100%', () => {
  const p07 = only('P07');

  it('公用经费 more than doubled: info; the prior year corrected: gone', () => {
    const jump = after(clean, set('basic.expense.publicFunds.prevActual', '5.00'));
    expect(p07(jump)).toEqual([{ ruleId: 'P07', severity: 'info', table: 'basic', path: 'basic.expense.publicFunds.actual', expected: '10.00', actual: '11.50' }]);
    expect(findingsOf(jump, ['P07'])[0].message).toContain('增长 130.00%');
    expect(p07(after(jump, set('basic.expense.publicFunds.prevActual', '10')))).toEqual([]);
  });

  it('every 其中 line on its own; exactly +100% is not beyond', () => {
    expect(p07(after(clean, set('basic.expense.reception.prevActual', '0.50')))).toEqual([
      { ruleId: 'P07', severity: 'info', table: 'basic', path: 'basic.expense.reception.actual', expected: '1.00', actual: '1.10' },
    ]);
    expect(p07(after(clean, set('basic.expense.meetingsTraining.prevActual', '0.60')))).toEqual([]);
  });

  it('skipped when the prior year is empty, —— or 0', () => {
    expect(p07(after(clean, set('basic.expense.office.prevActual', null), set('basic.expense.utilitiesTravel.prevActual', '0'), set('basic.expense.meetingsTraining.prevActual', '——')))).toEqual([]);
  });
});

describe('P08 staff above the establishment', () => {
  const p08 = only('P08');

  it('在职 > 编制: warning; corrected: gone; equal is not above', () => {
    const over = after(clean, set('basic.staffing.actual', '12'));
    expect(p08(over)).toEqual([{ ruleId: 'P08', severity: 'warning', table: 'basic', path: 'basic.staffing.actual', expected: '10', actual: '12' }]);
    expect(p08(after(over, set('basic.staffing.actual', '9')))).toEqual([]);
    expect(p08(after(over, set('basic.staffing.actual', '10')))).toEqual([]);
  });
});
