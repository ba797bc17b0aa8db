import type { FilingScore, IndicatorRow, TableScore } from '../index';
import { HUNAN_LEGACY_OVERALL_TEMPLATE, NATIONAL_DEFAULT_TEMPLATE, computedOf, scoreComputed, scoreFiling } from '../index';
import { addProject, indicator, record, stateOf } from './testing.spec-support';

/**
 * The fixture (test/fixtures/hengshan-2023-self-evaluation.txt, 衡山县社会治理和网格化信息中心, 2023) scored
 * under both shipped templates: 附件二 and the two 附件三. Figures typed by hand from the document, with the
 * paths of docs/figure-paths.md ("The fixture's cells").
 */

/** [l1.l2.name, target, actual, 分值, 自评得分] as printed. */
type Row = [string, string, string, string, string];
const QUALITY = 'output.quality.较好履行了工作职责，按期按质按量完成相关工作任务';
const rows = (cost: string, quality: string, ecological: [string, string], sustainable: [string, string], satisfaction: [string, string]): Row[] => [
  ['output.quantity.管理制度日趋完善', '100%', '100%', '12', '12'],
  [QUALITY, '100%', quality, '13', '12'],
  ['output.timeliness.完成时效', '按期完成，截止2023年12月', '按期完成', '12.5', '12.5'],
  ['output.cost.项目投资金额', cost, cost, '12.5', '12.5'],
  ['benefit.social.维护社会治安', '100%', '100%', '10', '10'],
  ['benefit.social.促进网格化管理', '100%', '100%', '10', '10'],
  ['benefit.ecological.绿色低碳环保', '100%', ecological[0], '10', ecological[1]],
  ['benefit.sustainable.综合影响力', '100%', sustainable[0], '10', sustainable[1]],
  ['satisfaction.serviceTarget.收益群众满意度', '100%', satisfaction[0], '10', satisfaction[1]],
];
const OVERALL_ROWS = rows('557.7', '98%', ['95%', '10'], ['100%', '10'], ['98%', '9']);
const BUSINESS_ROWS = rows('109.77', '100%', ['98%', '9'], ['100%', '10'], ['98%', '10']);
const CENTRE_ROWS = rows('349.32', '100%', ['100%', '10'], ['95%', '9'], ['95%', '9']);

const indicators = (head: string, list: Row[]) => Object.assign({}, ...list.map(([at, t, a, w, s]) => indicator(at, t, a, w, s, head))) as Record<string, string>;
const groups = (head: string) => ({ [`${head}.groups.output.weight`]: '50', [`${head}.groups.benefit.weight`]: '30', [`${head}.groups.satisfaction.weight`]: '10' });

const FIXTURE = stateOf(
  addProject('p1', '业务经费', '业务工作经费'),
  addProject('p2', null, '运行维护经费'),
  addProject('p3', '综治中心建设', '综治中心建设'),
  record({
    // 附件一
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
    'basic.expense.procurement.prevActual': '——',
    'basic.expense.procurement.budget': '349.32',
    'basic.expense.procurement.actual': '349.32',
    'basic.expense.basicAdjustment.prevActual': '——',
    // 附件二
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
    ...groups('overall'),
    ...indicators('overall', OVERALL_ROWS),
    'overall.total.weight': '100',
    'overall.total.score': '98',
    // 附件三 业务经费
    'project:业务经费.implementer': '衡山县社会治理和网格化信息中心',
    'project:业务经费.budget.initial': '3.5',
    'project:业务经费.budget.full': '109.77',
    'project:业务经费.budget.executed': '109.77',
    'project:业务经费.budget.weight': '10',
    'project:业务经费.budget.rate': '100%',
    'project:业务经费.budget.score': '10',
    'project:业务经费.funds.currentYear.initial': '3.5',
    'project:业务经费.funds.currentYear.full': '109.77',
    'project:业务经费.funds.currentYear.executed': '109.77',
    ...groups('project:业务经费'),
    ...indicators('project:业务经费', BUSINESS_ROWS),
    'project:业务经费.total.weight': '100',
    'project:业务经费.total.score': '98',
    // 附件三 综治中心建设 (the 当年财政拨款 sub-row repeats 分值 10 / 得分 10: recorded, never scored)
    'project:综治中心建设.implementer': '衡山县社会治理和网格化信息中心',
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
    ...groups('project:综治中心建设'),
    ...indicators('project:综治中心建设', CENTRE_ROWS),
    'project:综治中心建设.total.weight': '100',
    'project:综治中心建设.total.score': '97',
    // 附件四 section 九: "良好。"
    'report.statedGrade': '良好',
  }),
);

const tableOf = (score: FilingScore, table: string): TableScore => score.tables.find((t) => t.table === table) as TableScore;
/** [name, stated score, suggested score, contribution] per indicator row. */
const suggestions = (t: TableScore) => t.indicators.map((r: IndicatorRow) => [r.name, r.stated.score, r.suggested, r.contribution]);
const groupSums = (t: TableScore) => t.groups.map((g) => [g.level1, g.declaredWeight, g.stated.weight, g.stated.score, g.templateWeight, g.suggested]);

describe('national-default', () => {
  const score = scoreFiling(FIXTURE, NATIONAL_DEFAULT_TEMPLATE);

  it('scores 附件二 and both 附件三, in the order of the forms', () => {
    expect(score.template).toEqual({ id: 'national-default', version: 1 });
    expect(score.tables.map((t) => t.table)).toEqual(['overall', 'project:业务经费', 'project:综治中心建设']);
  });

  it('附件二: 98 stated, 99.17 suggested (优) — the report states 良好', () => {
    const t = tableOf(score, 'overall');
    expect(t.execution).toMatchObject({ stated: { weight: '10', rate: '100%', score: '10' }, rate: '100.00%', suggested: '10.00', contribution: '10.00', method: 'proportional' });
    // 年初 81.51 → 全年 557.70: the budget was adjusted, so a 偏差原因 is required (the row has no cell for it)
    expect(t.execution?.deviation).toEqual({ required: true, triggers: ['budgetAdjusted'], explained: null });
    expect(suggestions(t)).toEqual([
      ['管理制度日趋完善', '12', '12.00', '12.00'],
      // 质量指标: 98% of a 100% target on 13 → 13 × 0.98 = 12.74; the unit stated 12
      ['较好履行了工作职责，按期按质按量完成相关工作任务', '12', '12.74', '12.74'],
      // "按期完成" is the criterion of "按期完成，截止2023年12月": 定性 达成, [10, 12.5] holds the stated 12.5
      ['完成时效', '12.5', '12.50', '12.50'],
      // a bare 557.7 on a 成本 indicator means ≤ 557.7: met
      ['项目投资金额', '12.5', '12.50', '12.50'],
      // 效益: the heading declares 30 and the template says 30, but the four indicators state 10 each (40):
      // each is scored on its own 10 and counts 30/40 of it, 7.50
      ['维护社会治安', '10', '10.00', '7.50'],
      ['促进网格化管理', '10', '10.00', '7.50'],
      // 95% of 100% → 9.50 on 10 (the unit stated full marks) → 9.5 × 0.75 = 7.125 → 7.13
      ['绿色低碳环保', '10', '9.50', '7.13'],
      ['综合影响力', '10', '10.00', '7.50'],
      // 98% → 9.80; the unit stated 9
      ['收益群众满意度', '9', '9.80', '9.80'],
    ]);
    expect(groupSums(t)).toEqual([
      ['output', '50', '50.00', '49.00', '50.00', '49.74'],
      ['benefit', '30', '40.00', '40.00', '30.00', '29.63'],
      ['satisfaction', '10', '10.00', '9.00', '10.00', '9.80'],
    ]);
    // the printed 总分 100 / 98 is not the sum of the printed items (110 / 108): the 效益 group's extra 10
    // points; the suggested total fits the groups to the template and stays out of 100
    expect(t.total).toEqual({ stated: { weight: '100', score: '98' }, statedItems: { weight: '110.00', score: '108.00' }, weight: '100.00', suggested: '99.17' });
    // 98 printed would be 优 as well; the report's 良好 is not the band of either total
    expect(t.grade).toEqual({ statedWord: '良好', stated: '良', ofStatedTotal: '优', suggested: '优' });
    expect(t.needsReview).toBe(0);
  });

  it('附件三 业务经费: 98 stated, 99.65 suggested', () => {
    const t = tableOf(score, 'project:业务经费');
    expect(t.execution).toMatchObject({ rate: '100.00%', suggested: '10.00' });
    expect(suggestions(t)).toEqual([
      ['管理制度日趋完善', '12', '12.00', '12.00'],
      // 100% of 100% yet the unit gave itself 12 of 13: the suggestion is full marks
      ['较好履行了工作职责，按期按质按量完成相关工作任务', '12', '13.00', '13.00'],
      ['完成时效', '12.5', '12.50', '12.50'],
      ['项目投资金额', '12.5', '12.50', '12.50'],
      ['维护社会治安', '10', '10.00', '7.50'],
      ['促进网格化管理', '10', '10.00', '7.50'],
      // 98% → 9.80 (stated 9) → 7.35 of 7.50
      ['绿色低碳环保', '9', '9.80', '7.35'],
      ['综合影响力', '10', '10.00', '7.50'],
      // 98% → 9.80 where the unit stated full marks
      ['收益群众满意度', '10', '9.80', '9.80'],
    ]);
    expect(groupSums(t)).toEqual([
      ['output', '50', '50.00', '49.00', '50.00', '50.00'],
      ['benefit', '30', '40.00', '39.00', '30.00', '29.85'],
      ['satisfaction', '10', '10.00', '10.00', '10.00', '9.80'],
    ]);
    expect(t.total).toEqual({ stated: { weight: '100', score: '98' }, statedItems: { weight: '110.00', score: '108.00' }, weight: '100.00', suggested: '99.65' });
    // 附件四 speaks for the department: a project table has no stated grade
    expect(t.grade).toEqual({ statedWord: null, stated: null, ofStatedTotal: '优', suggested: '优' });
  });

  it('附件三 综治中心建设: 97 stated, 99.13 suggested; the 当年财政拨款 sub-row is not an item', () => {
    const t = tableOf(score, 'project:综治中心建设');
    // 年初 0 → 全年 349.32: adjusted
    expect(t.execution).toMatchObject({ rate: '100.00%', suggested: '10.00', deviation: { triggers: ['budgetAdjusted'] } });
    expect(suggestions(t)).toEqual([
      ['管理制度日趋完善', '12', '12.00', '12.00'],
      ['较好履行了工作职责，按期按质按量完成相关工作任务', '12', '13.00', '13.00'],
      ['完成时效', '12.5', '12.50', '12.50'],
      ['项目投资金额', '12.5', '12.50', '12.50'],
      ['维护社会治安', '10', '10.00', '7.50'],
      ['促进网格化管理', '10', '10.00', '7.50'],
      ['绿色低碳环保', '10', '10.00', '7.50'],
      // 95% → 9.50 (stated 9) → 7.13
      ['综合影响力', '9', '9.50', '7.13'],
      ['收益群众满意度', '9', '9.50', '9.50'],
    ]);
    expect(t.total).toEqual({ stated: { weight: '100', score: '97' }, statedItems: { weight: '110.00', score: '107.00' }, weight: '100.00', suggested: '99.13' });
    expect(t.grade.suggested).toBe('优');
  });

  it('marks the rows that need a 偏差原因 (every such cell of the fixture is empty)', () => {
    const t = tableOf(score, 'overall');
    expect(t.indicators.filter((r) => r.deviation.required).map((r) => [r.name, r.deviation.triggers, r.deviation.explained])).toEqual([
      ['较好履行了工作职责，按期按质按量完成相关工作任务', ['scoreBelowWeight', 'targetMissed'], false],
      ['绿色低碳环保', ['targetMissed'], false],
      ['收益群众满意度', ['scoreBelowWeight', 'targetMissed'], false],
    ]);
  });

  it('adds these entries to the computed map (they replace computedOf’s sums of stated scores)', () => {
    const entries = scoreComputed(score);
    expect(Object.entries(entries).filter(([p]) => p.startsWith('overall.'))).toEqual([
      ['overall.indicators.output.quantity.管理制度日趋完善.score', '12.00'],
      ['overall.indicators.output.quality.较好履行了工作职责，按期按质按量完成相关工作任务.score', '12.74'],
      ['overall.indicators.output.timeliness.完成时效.score', '12.50'],
      ['overall.indicators.output.cost.项目投资金额.score', '12.50'],
      ['overall.indicators.benefit.social.维护社会治安.score', '10.00'],
      ['overall.indicators.benefit.social.促进网格化管理.score', '10.00'],
      ['overall.indicators.benefit.ecological.绿色低碳环保.score', '9.50'],
      ['overall.indicators.benefit.sustainable.综合影响力.score', '10.00'],
      ['overall.indicators.satisfaction.serviceTarget.收益群众满意度.score', '9.80'],
      ['overall.budget.score', '10.00'],
      ['overall.groups.output.score', '49.74'],
      ['overall.groups.benefit.score', '29.63'],
      ['overall.groups.satisfaction.score', '9.80'],
      ['overall.total.score', '99.17'],
      ['overall.total.grade', '优'],
    ]);
    expect(entries['project:业务经费.total.score']).toBe('99.65');
    expect(entries['project:综治中心建设.total.score']).toBe('99.13');
    // computedOf alone sums the stated scores: 108.00 (10 + 49 + 40 + 9)
    expect(computedOf(FIXTURE)['overall.total.score']).toBe('108.00');
    expect({ ...computedOf(FIXTURE), ...entries }['overall.total.score']).toBe('99.17');
  });
});

describe('hunan-legacy-overall', () => {
  const score = scoreFiling(FIXTURE, HUNAN_LEGACY_OVERALL_TEMPLATE);
  const overall = tableOf(score, 'overall');
  const flat = (nodes = overall.nodes): [string, string, string, string | null, string, string][] =>
    nodes.flatMap((n) => [[n.id, n.status, n.weight, n.suggested, n.effectiveWeight, n.score] as [string, string, string, string | null, string, string], ...(n.kind === 'filingIndicators' ? [] : flat(n.children))]);

  it('附件二: the five written rules on the fixture’s figures', () => {
    const leaves = Object.fromEntries(flat().map(([id, status, , suggested, , , ]) => [id, [status, suggested]]));
    // 在职 7 / 编制 10 = 70.00% ≤ 100% → 5
    expect(leaves.staffControl).toEqual(['scored', '5.00']);
    // 三公经费 上年 0 → (0.6 − 0) / 0 is undefined → manual; the forms hold no score for it → pending
    expect(leaves.threePublicChange).toEqual(['pending', null]);
    // 预算完成率 557.70 / 557.70 = 100% → 5
    expect(leaves.budgetCompletion).toEqual(['scored', '5.00']);
    // 预算控制率: (557.70 − 81.51) / 81.51 = 584.21% > 30% → 0
    expect(leaves.budgetControl).toEqual(['scored', '0.00']);
    expect(overall.nodes[1].children[0].children[1].measure).toBe('584.21%');
    // 楼堂馆所: no completed project (every cell empty) → 5
    expect(leaves.buildingsControl).toEqual(['scored', '5.00']);
    for (const id of ['goalReasonable', 'indicatorClarity', 'keySpending', 'carryOver', 'managementRules', 'compliance', 'disclosure']) expect(leaves[id]).toEqual(['pending', null]);
  });

  it('附件二: what cannot be scored gives its weight to what can (70 of 100 points scored → × 100/70)', () => {
    expect(flat()).toEqual([
      ['input', 'scored', '20.00', '7.14', '7.14', '7.14'],
      ['targetSetting', 'pending', '6.00', '0.00', '0.00', '0.00'],
      ['goalReasonable', 'pending', '3.00', null, '0.00', '0.00'],
      ['indicatorClarity', 'pending', '3.00', null, '0.00', '0.00'],
      ['budgetAllocation', 'scored', '14.00', '7.14', '7.14', '7.14'],
      ['staffControl', 'scored', '5.00', '5.00', '7.14', '7.14'],
      ['threePublicChange', 'pending', '5.00', null, '0.00', '0.00'],
      ['keySpending', 'pending', '4.00', null, '0.00', '0.00'],
      ['process', 'scored', '30.00', '14.28', '21.42', '14.28'],
      ['budgetExecution', 'scored', '20.00', '14.28', '21.42', '14.28'],
      ['budgetCompletion', 'scored', '5.00', '5.00', '7.14', '7.14'],
      ['budgetControl', 'scored', '5.00', '0.00', '7.14', '0.00'],
      ['buildingsControl', 'scored', '5.00', '5.00', '7.14', '7.14'],
      ['carryOver', 'pending', '5.00', null, '0.00', '0.00'],
      ['budgetManagement', 'pending', '10.00', '0.00', '0.00', '0.00'],
      ['managementRules', 'pending', '3.00', null, '0.00', '0.00'],
      ['compliance', 'pending', '4.00', null, '0.00', '0.00'],
      ['disclosure', 'pending', '3.00', null, '0.00', '0.00'],
      // 产出 and 效果: the filing's indicators fitted to 25 / 15 / 10, then × 100/70 with the rest
      ['outputs', 'scored', '25.00', '35.53', '35.72', '35.53'],
      ['duties', 'scored', '25.00', '35.53', '35.72', '35.53'],
      ['effect', 'scored', '25.00', '35.16', '35.72', '35.16'],
      ['benefits', 'scored', '15.00', '21.17', '21.44', '21.17'],
      ['satisfaction', 'scored', '10.00', '13.99', '14.28', '13.99'],
    ]);
    // the shares are split to the cent with the largest remainders: 7.14 × 4, 8.57, 9.29, 8.93 × 2,
    // 5.36 × 4 and 14.28 make exactly 100.00 (9.2857… and 14.2857… tie: the earlier row gets the cent)
    expect(overall.indicators.map((r) => [r.name, r.suggested, r.effectiveWeight, r.contribution])).toEqual([
      ['管理制度日趋完善', '12.00', '8.57', '8.57'],
      // 12.74 / 13 × 9.29 = 9.1042
      ['较好履行了工作职责，按期按质按量完成相关工作任务', '12.74', '9.29', '9.10'],
      ['完成时效', '12.50', '8.93', '8.93'],
      ['项目投资金额', '12.50', '8.93', '8.93'],
      ['维护社会治安', '10.00', '5.36', '5.36'],
      ['促进网格化管理', '10.00', '5.36', '5.36'],
      // 9.5 / 10 × 5.36 = 5.092
      ['绿色低碳环保', '9.50', '5.36', '5.09'],
      ['综合影响力', '10.00', '5.36', '5.36'],
      // 9.8 / 10 × 14.28 = 13.9944
      ['收益群众满意度', '9.80', '14.28', '13.99'],
    ]);
  });

  it('附件二: 92.11 suggested (优), eight leaves waiting for a person', () => {
    // 7.14 (投入) + 14.28 (过程: 预算控制率 0) + 35.53 (产出) + 35.16 (效果)
    expect(overall.total).toMatchObject({ weight: '100.00', suggested: '92.11' });
    expect(overall.grade).toMatchObject({ stated: '良', suggested: '优' });
    expect(overall.needsReview).toBe(8);
    // the 附件二 budget row (分值 10) is the legacy 预算完成率 (5 points): compared, and noted
    expect(overall.execution).toMatchObject({ stated: { weight: '10', score: '10' }, weight: '5.00', suggested: '5.00' });
    expect(overall.execution?.notes).toContain('表中分值 10 与模板分值 5 不同');
    expect(scoreComputed(score)['overall.budget.score']).toBe('5.00');
  });

  it('附件三 use the national project tree: the same scores as national-default', () => {
    const national = scoreFiling(FIXTURE, NATIONAL_DEFAULT_TEMPLATE);
    for (const table of ['project:业务经费', 'project:综治中心建设']) expect(tableOf(score, table)).toEqual(tableOf(national, table));
  });
});
