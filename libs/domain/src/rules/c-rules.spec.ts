import type { FilingCommand } from '../filing/filing.commands';
import type { FilingState } from '../filing/filing.state';
import { NATIONAL_DEFAULT_TEMPLATE } from '../scoring/national-default.template';
import { withOverallTree, withParameters } from '../scoring/testing.spec-support';
import { C_RULES } from './c-rules';
import { PATHS, brief, cFindings, clean, inputOf, record, set, stateOf } from './c-rules.spec-support';
import type { Finding } from './rule.types';

/**
 * Group C on filings built for each rule: the clean filing raises nothing; one command makes the rule
 * fire, a further command corrects it and the finding is gone.
 */

const ids = (findings: Finding[]) => findings.map((f) => f.ruleId);

/** One finding per distinct problem: never two of one rule on one cell. */
function expectNoDuplicates(findings: Finding[]): void {
  const keys = findings.map((f) => `${f.ruleId} ${f.paths[0]}`);
  expect(new Set(keys).size).toBe(keys.length);
}

/** The rule fires after `trigger` and is silent again after `fix`; returns the findings of the trigger. */
function firesAndClears(ruleId: string, trigger: FilingCommand[], fix: FilingCommand[]): Finding[] {
  const broken = cFindings(clean(...trigger), ruleId);
  expect(broken.length).toBeGreaterThan(0);
  expectNoDuplicates(broken);
  expect(cFindings(clean(...trigger, ...fix), ruleId)).toEqual([]);
  return broken;
}

describe('C_RULES', () => {
  it('lists C01–C16 in catalogue order, group C, with the catalogue severities', () => {
    expect(C_RULES.map((r) => [r.id, r.group, r.defaultSeverity])).toEqual([
      ['C01', 'C', 'error'],
      ['C02', 'C', 'error'],
      ['C03', 'C', 'error'],
      ['C04', 'C', 'warning'],
      ['C05', 'C', 'error'],
      ['C06', 'C', 'error'],
      ['C07', 'C', 'warning'],
      ['C08', 'C', 'error'],
      ['C09', 'C', 'error'],
      ['C10', 'C', 'error'],
      ['C11', 'C', 'error'],
      ['C12', 'C', 'error'],
      ['C13', 'C', 'warning'],
      ['C14', 'C', 'warning'],
      ['C15', 'C', 'warning'],
      ['C16', 'C', 'info'],
    ]);
    for (const r of C_RULES) expect(r.title).toMatch(/\p{Script=Han}/u);
  });

  it('raise nothing on the clean filing (all four tables consistent)', () => {
    expect(cFindings(clean())).toEqual([]);
  });

  it('raise nothing on a filing that was only opened, and never throw', () => {
    expect(cFindings(stateOf())).toEqual([]);
  });

  it('every finding names its rule, a table, the cell to look at first, and Chinese and English messages', () => {
    const state = clean(set('overall.total.score', '95'), set('project:业务经费.department', null), set('report.statedGrade', '良好'));
    const findings = cFindings(state);
    expect(findings.length).toBe(3);
    for (const f of findings) {
      expect(f.paths.length).toBeGreaterThan(0);
      expect(f.message).toMatch(/\p{Script=Han}/u);
      expect(f.messageEn.length).toBeGreaterThan(0);
      expect(['basic', 'overall', 'report', 'project:业务经费']).toContain(f.table);
    }
  });
});

describe('C01 总分自评得分 ≠ Σ item scores', () => {
  it('fires with the sum of the execution score and the indicator scores, and clears when the total is corrected', () => {
    const [f] = firesAndClears('C01', [set('overall.total.score', '95')], [set('overall.total.score', '99.7')]);
    expect(brief(f)).toEqual(['C01', 'error', 'overall', 'overall.total.score', '99.70', '95.00']);
    expect(f.paths).toContain('overall.budget.score');
    expect(f.paths).toContain(`${PATHS.quality}.score`);
    expect(f.message).toBe('附件二总分自评得分应为 99.7（执行率得分 9.9 + 指标得分 89.8），表中填报为 95：请核对总分或各项得分');
  });

  it('a gap within 0.01 per summed term is rounding: info, never error', () => {
    // 8 items (the execution row and 7 indicators): up to 0.08 is rounding
    const [f] = cFindings(clean(set('overall.total.score', '99.65')), 'C01');
    expect(brief(f)).toEqual(['C01', 'info', 'overall', 'overall.total.score', '99.70', '99.65']);
    expect(f.message).toContain('四舍五入');
    expect(brief(cFindings(clean(set('overall.total.score', '99.6')), 'C01')[0])).toEqual(['C01', 'error', 'overall', 'overall.total.score', '99.70', '99.60']);
  });

  it('never sums a 其中 sub-row (信息化建设 prints 当年财政拨款 with 分值 10 and 得分 9.75)', () => {
    expect(cFindings(clean(), 'C01')).toEqual([]);
    // the sub-row's score changed: still not an item
    expect(cFindings(clean(set('project:信息化建设.funds.currentYear.score', '5')), 'C01')).toEqual([]);
  });

  it('fires on a project table as on 附件二', () => {
    const [f] = firesAndClears('C01', [set('project:业务经费.indicators.output.quantity.督查次数.score', '20')], [set('project:业务经费.total.score', '94.88')]);
    expect(brief(f)).toEqual(['C01', 'error', 'project:业务经费', 'project:业务经费.total.score', '94.88', '99.88']);
  });

  it('is silent when the 总分 row states no score', () => {
    expect(cFindings(clean(set('overall.total.score', null)), 'C01')).toEqual([]);
  });
});

describe('C02 总分分值 ≠ Σ item weights', () => {
  it('fires and clears', () => {
    const [f] = firesAndClears('C02', [set('overall.total.weight', '110')], [set('overall.total.weight', '100')]);
    expect(brief(f)).toEqual(['C02', 'error', 'overall', 'overall.total.weight', '100.00', '110.00']);
    expect(f.message).toBe('附件二总分分值应为 100（执行率分值 10 + 指标分值 90），表中填报为 110：请核对总分或各项分值');
  });

  it('counts the execution row but not the 其中 sub-row', () => {
    expect(cFindings(clean(set('project:信息化建设.funds.currentYear.weight', '20')), 'C02')).toEqual([]);
    const [f] = cFindings(clean(set('project:信息化建设.budget.weight', '20')), 'C02');
    expect(brief(f)).toEqual(['C02', 'error', 'project:信息化建设', 'project:信息化建设.total.weight', '110.00', '100.00']);
  });
});

describe('C03 a 一级 heading ≠ Σ its indicators’ weights', () => {
  it('fires on the heading, names the indicators, and clears', () => {
    const [f] = firesAndClears('C03', [set(`${PATHS.safety}.weight`, '25')], [set(`${PATHS.safety}.weight`, '15')]);
    expect(brief(f)).toEqual(['C03', 'error', 'overall', 'overall.groups.benefit.weight', '30.00', '40.00']);
    expect(f.paths).toEqual(['overall.groups.benefit.weight', `${PATHS.safety}.weight`, 'overall.indicators.benefit.sustainable.长效机制.weight']);
    // the heading agrees with the template: the indicators are to change
    expect(f.message).toBe('附件二效益指标表头分值为 30，其下各指标分值合计 40（群众安全感 25、长效机制 15）；评价模板规定效益指标 30 分，与表头一致，应调整其下各指标分值');
  });

  it('when the heading is not the template’s either, asks to check both', () => {
    const [f] = cFindings(clean(set('overall.groups.benefit.weight', '35')), 'C03');
    expect(f.message).toBe('附件二效益指标表头分值为 35，其下各指标分值合计 30（群众安全感 15、长效机制 15）；请核对表头分值或各指标分值');
  });

  it('is silent for a heading with no weighted indicator under it, and for a group without a heading', () => {
    expect(cFindings(clean(set('overall.groups.benefit.weight', null), set(`${PATHS.safety}.weight`, '25')), 'C03')).toEqual([]);
    const noIndicatorWeights = clean(set('project:业务经费.indicators.satisfaction.serviceTarget.服务对象满意度.weight', null));
    expect(cFindings(noIndicatorWeights, 'C03')).toEqual([]);
  });
});

describe('C04 一级 weights ≠ the round template', () => {
  it('fires on a heading that differs from the template and clears', () => {
    const [f] = firesAndClears('C04', [set('overall.groups.output.weight', '40')], [set('overall.groups.output.weight', '50')]);
    expect(brief(f)).toEqual(['C04', 'warning', 'overall', 'overall.groups.output.weight', '50.00', '40.00']);
    expect(f.message).toBe('附件二产出指标分值为 40，评价模板“预算绩效自评通用模板”（national-default v1）规定为 50');
  });

  it('fires on the execution row’s 分值', () => {
    const [f] = firesAndClears('C04', [set('project:业务经费.budget.weight', '20')], [set('project:业务经费.budget.weight', '10')]);
    expect(brief(f)).toEqual(['C04', 'warning', 'project:业务经费', 'project:业务经费.budget.weight', '10.00', '20.00']);
  });

  it('without a heading, takes the sum of the group’s indicators', () => {
    const [f] = cFindings(clean(set('overall.groups.benefit.weight', null), set(`${PATHS.safety}.weight`, '25')), 'C04');
    expect(brief(f)).toEqual(['C04', 'warning', 'overall', `${PATHS.safety}.weight`, '30.00', '40.00']);
    expect(f.message).toContain('表头未标注');
  });

  it('reads the weights from the template (a county giving 执行率 20 and 产出 40)', () => {
    const tree = structuredClone(NATIONAL_DEFAULT_TEMPLATE.trees.overall);
    tree[0].weight = '20';
    tree[1].weight = '40';
    const template = withOverallTree(NATIONAL_DEFAULT_TEMPLATE, tree);
    const findings = cFindings(clean(), 'C04', template);
    expect(findings.map(brief)).toEqual([
      ['C04', 'warning', 'overall', 'overall.budget.weight', '20.00', '10.00'],
      ['C04', 'warning', 'overall', 'overall.groups.output.weight', '40.00', '50.00'],
    ]);
  });
});

describe('C05 a self score negative or above its weight', () => {
  it('fires on a score above the weight and clears', () => {
    const [f] = firesAndClears('C05', [set(`${PATHS.satisfaction}.score`, '12')], [set(`${PATHS.satisfaction}.score`, '10')]);
    expect(brief(f)).toEqual(['C05', 'error', 'overall', `${PATHS.satisfaction}.score`, '10.00', '12.00']);
    expect(f.message).toBe('附件二服务对象满意度指标“服务对象满意度”自评得分 12 超过分值 10');
  });

  it('fires on a negative execution score and clears', () => {
    const [f] = firesAndClears('C05', [set('overall.budget.score', '-1')], [set('overall.budget.score', '9.9')]);
    expect(brief(f)).toEqual(['C05', 'error', 'overall', 'overall.budget.score', '0.00', '-1.00']);
  });
});

describe('C06 执行率 ≠ 全年执行数 ÷ 全年预算数 at the printed precision', () => {
  it('fires and clears', () => {
    const [f] = firesAndClears('C06', [set('overall.budget.rate', '100%')], [set('overall.budget.rate', '99%')]);
    expect(brief(f)).toEqual(['C06', 'error', 'overall', 'overall.budget.rate', '99.00%', '100%']);
    expect(f.message).toBe('附件二年度资金总额执行率填报为 100%，按全年执行数 316.80 ÷ 全年预算数 320.00 计算应为 99.00%');
  });

  it('compares at the printed precision: 79 ÷ 80 = 98.75% may be printed 98.75%, 98.8%, 98.7%, 99% or 0.9875', () => {
    for (const printed of ['98.75%', '98.8%', '98.7%', '99%', '0.9875', '98.75']) {
      expect(cFindings(clean(set('project:业务经费.budget.rate', printed)), 'C06')).toEqual([]);
    }
    expect(cFindings(clean(set('project:业务经费.budget.rate', '98.5%')), 'C06').map(brief)).toEqual([
      ['C06', 'error', 'project:业务经费', 'project:业务经费.budget.rate', '98.75%', '98.5%'],
    ]);
  });

  it('checks a 其中 sub-row’s printed rate too; `——`, empty and 0/0 are not compared', () => {
    const [f] = cFindings(clean(set('project:信息化建设.funds.currentYear.rate', '100%')), 'C06');
    expect(brief(f)).toEqual(['C06', 'error', 'project:信息化建设', 'project:信息化建设.funds.currentYear.rate', '97.50%', '100%']);
    expect(cFindings(clean(set('overall.budget.rate', '——')), 'C06')).toEqual([]);
    expect(cFindings(clean(set('overall.budget.rate', null)), 'C06')).toEqual([]);
  });
});

describe('C07 execution score ≠ the template’s rule', () => {
  it('fires with min(执行率, 100%) × 分值 and clears', () => {
    const [f] = firesAndClears('C07', [set('overall.budget.score', '10')], [set('overall.budget.score', '9.9')]);
    expect(brief(f)).toEqual(['C07', 'warning', 'overall', 'overall.budget.score', '9.90', '10.00']);
    expect(f.message).toBe('附件二预算执行率得分应为 9.9（执行率 99.00%，min(执行率, 100%) ÷ 100% × 分值 10），表中填报为 10');
  });

  it('a gap of 0.01 is rounding: info', () => {
    expect(cFindings(clean(set('project:业务经费.budget.score', '9.87')), 'C07').map(brief)).toEqual([
      ['C07', 'info', 'project:业务经费', 'project:业务经费.budget.score', '9.88', '9.87'],
    ]);
  });

  it('applies the rule on the stated 分值 (a different 分值 is C04’s)', () => {
    // 分值 20 at 99%: 19.80
    expect(cFindings(clean(set('overall.budget.weight', '20'), set('overall.budget.score', '19.8')), 'C07')).toEqual([]);
  });

  it('is silent where the figures do not give a rate (no 全年执行数)', () => {
    expect(cFindings(clean(set('overall.budget.executed', null), set('overall.budget.score', '3')), 'C07')).toEqual([]);
  });
});

describe('C08 全年预算数 ≠ 年初预算数 + the recorded adjustments', () => {
  const adjust = (path: string, amount: string, stated = true): FilingCommand => ({ type: 'AdjustBudget', path, direction: 'increase', amount, reason: '追加', stated });

  it('fires when a stated adjustment does not reconcile 年初 with 全年, and clears when 年初 is corrected', () => {
    // 业务经费: 年初 60 + 20 = 80; a further 5 stated with 全年 still 80
    const [f] = firesAndClears('C08', [adjust('project:业务经费.budget.full', '5')], [set('project:业务经费.budget.initial', '55')]);
    expect(brief(f)).toEqual(['C08', 'error', 'project:业务经费', 'project:业务经费.budget.full', '85.00', '80.00']);
    expect(f.message).toBe('附件三“业务经费”年度资金总额全年预算数 80.00 不等于年初预算数 60.00 与已记录的预算调整（追加 20.00、追加 5.00）之和 85.00：请核对全年预算数、年初预算数，或补记预算调整');
  });

  it('runs only when an adjustment is recorded: an imported 年初 300 / 全年 320 keeps its stated 全年预算数', () => {
    expect(cFindings(clean(), 'C08')).toEqual([]);
    const [f] = cFindings(clean(adjust('overall.budget.full', '15')), 'C08');
    expect(brief(f)).toEqual(['C08', 'error', 'overall', 'overall.budget.full', '315.00', '320.00']);
  });

  it('an adjustment entered by a person (SetFigure 全年) stays reconciled', () => {
    expect(cFindings(clean(set('project:业务经费.budget.full', '90')), 'C08')).toEqual([]);
  });

  it('附件一 部门基本支出预算调整: 全年 = 年初 + that adjustment + each project’s 全年 − 年初', () => {
    // 300 + 5 + (80 − 60) + (40 − 40) = 325 ≠ 320
    const [f] = firesAndClears('C08', [record({ 'basic.expense.basicAdjustment.budget': '5' })], [set('overall.budget.initial', '295')]);
    expect(brief(f)).toEqual(['C08', 'error', 'overall', 'overall.budget.full', '325.00', '320.00']);
    expect(f.paths).toContain('basic.expense.basicAdjustment.budget');
    // a project line with money of its own but no 附件三: the projects' adjustments are unknown → silent
    expect(cFindings(clean(record({ 'basic.expense.basicAdjustment.budget': '5' }), { type: 'AddProject', projectId: 'p9', name: null, lineName: '运行维护经费' }, record({ 'basic.expense.project:运行维护经费.budget': '3' })), 'C08')).toEqual([]);
  });
});

describe('C09 / C10 the 附件二 fund split ≠ 全年预算数', () => {
  it('C09 fires on the by-source lines and clears', () => {
    const [f] = firesAndClears('C09', [set('overall.funds.govFund', '25')], [set('overall.funds.govFund', '20')]);
    expect(brief(f)).toEqual(['C09', 'error', 'overall', 'overall.funds.sourceTotal', '320.00', '325.00']);
    expect(f.paths).toEqual(['overall.funds.sourceTotal', 'overall.funds.generalPublic', 'overall.funds.govFund', 'overall.budget.full']);
    expect(f.message).toBe('附件二按收入性质分各项合计 325.00（一般公共预算 300.00 + 政府性基金拨款 25.00），全年预算数为 320.00，相差 5.00：请核对各项资金数');
  });

  it('C09: a gap of 0.01 over two lines is rounding (info)', () => {
    expect(cFindings(clean(set('overall.funds.govFund', '19.99')), 'C09').map(brief)).toEqual([['C09', 'info', 'overall', 'overall.funds.sourceTotal', '320.00', '319.99']]);
  });

  it('C09: a printed heading subtotal is checked against its lines too', () => {
    const [f] = firesAndClears('C09', [record({ 'overall.funds.sourceTotal': '330' })], [set('overall.funds.sourceTotal', '320')]);
    expect(brief(f)).toEqual(['C09', 'error', 'overall', 'overall.funds.sourceTotal', '320.00', '330.00']);
    expect(f.message).toContain('表中“按收入性质分”小计为 330.00');
  });

  it('C10 fires on the by-nature lines and clears', () => {
    const [f] = firesAndClears('C10', [set('overall.funds.basic', '210')], [set('overall.funds.basic', '200')]);
    expect(brief(f)).toEqual(['C10', 'error', 'overall', 'overall.funds.natureTotal', '320.00', '330.00']);
    expect(f.message).toBe('附件二按支出性质分各项合计 330.00（基本支出 210.00 + 项目支出 120.00），全年预算数为 320.00，相差 10.00：请核对各项资金数');
  });

  it('compare with 全年预算数, never with 全年执行数', () => {
    // 316.8 executed: the split is of the budget
    expect(cFindings(clean(), 'C09')).toEqual([]);
    expect(cFindings(clean(), 'C10')).toEqual([]);
  });
});

describe('C11 其中 lines above their parent', () => {
  it('公用经费: fires and clears', () => {
    const [f] = firesAndClears('C11', [set('basic.expense.office.budget', '25')], [set('basic.expense.office.budget', '11')]);
    expect(brief(f)).toEqual(['C11', 'error', 'basic', 'basic.expense.publicFunds.budget', '32.00', '36.00']);
    expect(f.message).toBe('附件一（2023 年预算数）公用经费为 32.00，其中各项合计 36.00（办公经费 25.00；水费、电费、差旅费 9.00；会议费、培训费 2.00），超出 4.00：其中各项之和不应大于合计数，请核对');
  });

  it('项目支出 lines and 三公经费 parts', () => {
    firesAndClears('C11', [set('basic.expense.project:信息化建设.actual', '45')], [set('basic.expense.project:信息化建设.actual', '39')]);
    const [f] = firesAndClears('C11', [set('basic.expense.reception.actual', '2')], [set('basic.expense.reception.actual', '1.7')]);
    expect(brief(f)).toEqual(['C11', 'error', 'basic', 'basic.expense.threePublic.actual', '3.50', '3.80']);
  });

  it('a 附件三 fund sub-row above its 年度资金总额', () => {
    const [f] = firesAndClears('C11', [set('project:信息化建设.funds.currentYear.initial', '45')], [set('project:信息化建设.funds.currentYear.initial', '40')]);
    expect(brief(f)).toEqual(['C11', 'error', 'project:信息化建设', 'project:信息化建设.budget.initial', '40.00', '45.00']);
  });

  it('an excess within 0.01 per term is info; lines below their parent are not C11’s concern', () => {
    expect(cFindings(clean(set('basic.expense.office.budget', '21.02')), 'C11').map(brief)).toEqual([['C11', 'info', 'basic', 'basic.expense.publicFunds.budget', '32.00', '32.02']]);
    expect(cFindings(clean(set('basic.expense.office.budget', '1')), 'C11')).toEqual([]);
  });
});

describe('C12 a printed control rate ≠ its ratio', () => {
  it('编制控制率: fires and clears', () => {
    const [f] = firesAndClears('C12', [set('basic.staffing.controlRate', '80%')], [set('basic.staffing.controlRate', '90%')]);
    expect(brief(f)).toEqual(['C12', 'error', 'basic', 'basic.staffing.controlRate', '90.00%', '80%']);
    expect(f.message).toBe('附件一编制控制率填报为 80%，按实际在职人数 18 ÷ 编制数 20 计算应为 90.00%');
  });

  it('规模控制率 and 投资概算控制率', () => {
    firesAndClears('C12', [set('basic.buildings.areaControlRate', '100%')], [set('basic.buildings.areaControlRate', '95.0%')]);
    const [f] = firesAndClears('C12', [set('basic.buildings.actualInvestment', '490')], [set('basic.buildings.investmentControlRate', '98%')]);
    expect(brief(f)).toEqual(['C12', 'error', 'basic', 'basic.buildings.investmentControlRate', '98.00%', '96%']);
  });
});

describe('C13 score and completion disagree', () => {
  it('a missed target with full marks: fires with the template’s score, clears when the score is lowered', () => {
    const [f] = firesAndClears('C13', [set(`${PATHS.satisfaction}.actual`, '85%')], [set(`${PATHS.satisfaction}.score`, '9.44')]);
    // ≥ 90%, 85% → 10 × 85/90 = 9.44
    expect(brief(f)).toEqual(['C13', 'warning', 'overall', `${PATHS.satisfaction}.score`, '9.44', '10.00']);
    expect(f.message).toBe('附件二服务对象满意度指标“服务对象满意度”实际完成值 85% 未达到年度指标值 ≥90%，自评得分却为满分 10（按评价模板应为 9.44）：请核对得分');
  });

  it('a met target with a score below the weight', () => {
    const [f] = firesAndClears('C13', [set(`${PATHS.safety}.score`, '14')], [set(`${PATHS.safety}.score`, '15')]);
    expect(brief(f)).toEqual(['C13', 'warning', 'overall', `${PATHS.safety}.score`, '15.00', '14.00']);
  });

  it('a 成本 target without an operator is ≤; a qualitative target is met by its criterion', () => {
    expect(cFindings(clean(set(`${PATHS.cost}.target`, '120万元')), 'C13')).toEqual([]);
    const [f] = cFindings(clean(set(`${PATHS.cost}.target`, '120万元'), set(`${PATHS.cost}.actual`, '125万元')), 'C13');
    expect(brief(f)).toEqual(['C13', 'warning', 'overall', `${PATHS.cost}.score`, '9.60', '10.00']);
    // "按期完成" is the criterion of "按期完成，截止2023年12月": met, full marks are right
    expect(cFindings(clean(), 'C13')).toEqual([]);
  });

  it('with an operator, as the operator says: > is strict', () => {
    const [f] = cFindings(clean(set(`${PATHS.satisfaction}.target`, '>95%')), 'C13');
    expect(brief(f)).toEqual(['C13', 'warning', 'overall', `${PATHS.satisfaction}.score`, null, '10.00']);
  });

  it('raises nothing where the target cannot be judged (needsReview): a qualitative actual that neither meets it nor is a tier word, different units, text against a number', () => {
    expect(cFindings(clean(set(`${PATHS.satisfaction}.actual`, '较为满意')), 'C13')).toEqual([]);
    expect(cFindings(clean(set(`${PATHS.training}.actual`, '150次')), 'C13')).toEqual([]);
    expect(cFindings(clean(set(`${PATHS.safety}.target`, '较上年提高'), set(`${PATHS.safety}.actual`, '有所提高'), set(`${PATHS.safety}.score`, '12')), 'C13')).toEqual([]);
  });

  it('a 定性 tier word in the actual decides a qualitative target', () => {
    const at = 'overall.indicators.benefit.sustainable.长效机制';
    const [f] = cFindings(clean(set(`${at}.actual`, '部分达成')), 'C13');
    expect(brief(f)).toEqual(['C13', 'warning', 'overall', `${at}.score`, '11.99', '15.00']);
    expect(cFindings(clean(set(`${at}.actual`, '达成')), 'C13')).toEqual([]);
  });
});

describe('C14 a miss, a deduction or an over-achievement with an empty 偏差原因', () => {
  it('fires on the empty 偏差原因 cell and clears when it is written', () => {
    const [f] = firesAndClears('C14', [set(`${PATHS.quality}.deviation`, null)], [set(`${PATHS.quality}.deviation`, '两台设备验收延后')]);
    expect(brief(f)).toEqual(['C14', 'warning', 'overall', `${PATHS.quality}.deviation`, null, null]);
    expect(f.message).toBe('附件二质量指标“验收合格率”实际完成值 98% 未达到年度指标值 100%，自评得分 9.8 低于分值 10，但“偏差原因分析及改进措施”未填写：请说明偏差原因及改进措施');
  });

  it('“无” or a dash explains nothing', () => {
    expect(cFindings(clean(set(`${PATHS.quality}.deviation`, '无')), 'C14')).toHaveLength(1);
    expect(cFindings(clean(set(`${PATHS.quality}.deviation`, '——')), 'C14')).toHaveLength(1);
  });

  it('a score below the weight on a met target', () => {
    const [f] = firesAndClears('C14', [set(`${PATHS.safety}.score`, '14')], [set(`${PATHS.safety}.deviation`, '个别网格上报不及时，扣 1 分')]);
    expect(f.message).toBe('附件二社会效益指标“群众安全感”自评得分 14 低于分值 15，但“偏差原因分析及改进措施”未填写：请说明偏差原因及改进措施');
  });

  it('over-achievement: ≥ target reached at 130% or more; ≤ target at 70% or less (the template’s thresholds)', () => {
    const [over] = firesAndClears('C14', [set(`${PATHS.training}.actual`, '260人次')], [set(`${PATHS.training}.deviation`, '新增两期专题培训')]);
    expect(over.message).toContain('实际完成值 260人次 为年度指标值 ≥200人次 的 130%（超额完成，达到 130% 以上）');
    expect(cFindings(clean(set(`${PATHS.training}.actual`, '259人次')), 'C14')).toEqual([]);
    const [under] = firesAndClears('C14', [set(`${PATHS.cost}.actual`, '84万元')], [set(`${PATHS.cost}.target`, '≤90万元')]);
    expect(under.message).toContain('仅为年度指标值 ≤120万元 的 70%');
    // a template with a higher bar
    const lenient = withParameters(NATIONAL_DEFAULT_TEMPLATE, (p) => (p.deviation.overAchievement = '150'));
    expect(cFindings(clean(set(`${PATHS.training}.actual`, '260人次')), 'C14', lenient)).toEqual([]);
  });

  it('a template that does not ask a reason for a lower score', () => {
    const t = withParameters(NATIONAL_DEFAULT_TEMPLATE, (p) => (p.deviation.scoreBelowWeight = false));
    expect(cFindings(clean(set(`${PATHS.safety}.score`, '14')), 'C14', t)).toEqual([]);
  });

  it('raises nothing on a row that does not apply (——) nor, for a target that cannot be judged, on the target', () => {
    expect(cFindings(clean(set(`${PATHS.safety}.actual`, '——'), set(`${PATHS.safety}.score`, '0')), 'C14')).toEqual([]);
    expect(cFindings(clean(set(`${PATHS.satisfaction}.actual`, '较为满意')), 'C14')).toEqual([]);
    // …while a lower score still asks for a reason, whatever the target
    const review = cFindings(clean(set(`${PATHS.safety}.target`, '较上年提高'), set(`${PATHS.safety}.actual`, '有所提高'), set(`${PATHS.safety}.score`, '12')), 'C14');
    expect(review.map((f) => f.message)).toEqual(['附件二社会效益指标“群众安全感”自评得分 12 低于分值 15，但“偏差原因分析及改进措施”未填写：请说明偏差原因及改进措施']);
  });
});

describe('C15 the report’s grade ≠ the band of the computed total', () => {
  it('fires on the stated grade and clears', () => {
    const [f] = firesAndClears('C15', [set('report.statedGrade', '良好')], [set('report.statedGrade', '优秀')]);
    expect(brief(f)).toEqual(['C15', 'warning', 'report', 'report.statedGrade', '优', '良']);
    expect(f.message).toBe('自评报告所述自评结果为“良好”（良），但按附件二预算执行率得分 9.9 与各指标自评得分 89.8 合计 99.7，等级应为“优”：请核对报告所述等级或表中得分');
  });

  it('uses the execution score + Σ stated indicator scores, scaled to 100 when the weights add up to something else', () => {
    // 培训人次 scored 0: 9.9 + 69.8 = 79.7 of 100 → 中
    const lowered = clean(set(`${PATHS.training}.score`, '0'));
    expect(brief(cFindings(lowered, 'C15')[0])).toEqual(['C15', 'warning', 'report', 'report.statedGrade', '中', '优']);
    // 培训人次 on 分值 10 scored 5: 84.7 of 90 (= 94.11 of 100) is 优, not the 良 84.7 would be out of 100
    const of90 = [set(`${PATHS.training}.weight`, '10'), set(`${PATHS.training}.score`, '5')];
    expect(cFindings(clean(...of90), 'C15')).toEqual([]);
    const [f] = cFindings(clean(...of90, set('report.statedGrade', '良好')), 'C15');
    expect(brief(f)).toEqual(['C15', 'warning', 'report', 'report.statedGrade', '优', '良']);
    expect(f.message).toBe('自评报告所述自评结果为“良好”（良），但按附件二预算执行率得分 9.9 与各指标自评得分 74.8 合计 84.7（分值合计 90，折合百分制 94.11 分），等级应为“优”：请核对报告所述等级或表中得分');
  });

  it('maps 合格/中等 → 中, 不合格/较差 → 差; a word that is no grade is not compared', () => {
    expect(cFindings(clean(set('report.statedGrade', '合格')), 'C15').map((f) => f.actual)).toEqual(['中']);
    expect(cFindings(clean(set('report.statedGrade', '较差')), 'C15').map((f) => f.actual)).toEqual(['差']);
    expect(cFindings(clean(set('report.statedGrade', '较好')), 'C15')).toEqual([]);
    expect(cFindings(clean(set('report.statedGrade', null)), 'C15')).toEqual([]);
  });

  it('reads the bands from the template', () => {
    const strict = withParameters(NATIONAL_DEFAULT_TEMPLATE, (p) => (p.grades = [{ grade: '优', min: '99.8' }, { grade: '良', min: '80' }, { grade: '中', min: '60' }, { grade: '差', min: '0' }]));
    expect(cFindings(clean(), 'C15', strict).map(brief)).toEqual([['C15', 'warning', 'report', 'report.statedGrade', '良', '优']]);
  });
});

describe('C16 a required field is empty', () => {
  it('主管部门: fires and clears', () => {
    const [f] = firesAndClears('C16', [set('project:业务经费.department', null)], [set('project:业务经费.department', '县委政法委')]);
    expect(brief(f)).toEqual(['C16', 'info', 'project:业务经费', 'project:业务经费.department', null, null]);
    expect(f.message).toBe('附件三“业务经费”主管部门未填写');
  });

  it('实施单位, 年度指标值, 填表人 and 填报日期 of each table', () => {
    const state = clean(
      set('project:信息化建设.implementer', null),
      set(`${PATHS.training}.target`, null),
      set('basic.signoff.preparer', null),
      set('overall.signoff.date', null),
      set('project:业务经费.signoff.date', null),
    );
    expect(cFindings(state, 'C16').map((f) => [f.table, f.paths[0], f.message])).toEqual([
      ['basic', 'basic.signoff.preparer', '附件一填表人未填写'],
      ['overall', `${PATHS.training}.target`, '附件二数量指标“培训人次”的年度指标值未填写'],
      ['overall', 'overall.signoff.date', '附件二填报日期未填写'],
      ['project:业务经费', 'project:业务经费.signoff.date', '附件三“业务经费”填报日期未填写'],
      ['project:信息化建设', 'project:信息化建设.implementer', '附件三“信息化建设”实施单位未填写'],
    ]);
    // `——` is written (not applicable), not empty
    expect(cFindings(clean(set(`${PATHS.training}.target`, '——')), 'C16')).toEqual([]);
  });

  it('not 单位负责人签字, not 联系电话', () => {
    expect(cFindings(clean(set('basic.signoff.phone', null), set('overall.signoff.phone', null), set('overall.signoff.head', null)), 'C16')).toEqual([]);
  });

  it('the report cover’s unit name: given on the cover, or named by the report (the cover line is often left for the seal)', () => {
    // the basic-information section names 某县网格化服务中心
    expect(cFindings(clean(set('report.cover.unitName', null)), 'C16')).toEqual([]);
    const [f] = firesAndClears('C16', [set('report.cover.unitName', null), set('report.sections.basicInfo.text', '本单位负责网格化服务管理。')], [set('report.cover.unitName', '某县网格化服务中心')]);
    expect(brief(f)).toEqual(['C16', 'info', 'report', 'report.cover.unitName', null, null]);
  });
});

describe('never throw', () => {
  it('odd but valid cells (——, text, zero budgets, negative adjustments) raise no exception', () => {
    const odd: FilingState = clean(
      set('overall.budget.full', '——'),
      set('overall.budget.executed', '0'),
      set('overall.total.weight', '0'),
      set(`${PATHS.quality}.target`, '≥上年'),
      set(`${PATHS.quality}.actual`, '——'),
      record({ 'basic.expense.basicAdjustment.budget': '-3', 'basic.staffing.authorized': '0', 'overall.funds.sourceTotal': '——' }),
    );
    for (const rule of C_RULES) expect(() => rule.check(inputOf(odd))).not.toThrow();
    expect(ids(cFindings(odd))).not.toContain(undefined);
  });
});
