import type { ScoredNode } from '../index';
import { HUNAN_LEGACY_OVERALL_TEMPLATE, NATIONAL_TREE, validateTemplate } from '../index';
import { overallScore } from './testing.spec-support';

/**
 * The legacy Hunan 部门整体 rules (附件二), each at and around its edges: the leaf's measure and its
 * suggested score on its own weight (5). Floors at 0.
 */

function leaf(figures: Record<string, string | null>, id: string): ScoredNode {
  const find = (nodes: ScoredNode[]): ScoredNode | undefined => nodes.map((n) => (n.id === id ? n : find(n.children))).find((n) => n !== undefined);
  return find(overallScore(figures, HUNAN_LEGACY_OVERALL_TEMPLATE).nodes) as ScoredNode;
}
const measured = (n: ScoredNode) => [n.measure, n.suggested];

describe('在职人员控制率 = 在职 ÷ 编制: ≤ 100% → 5, each point above −0.5', () => {
  const staff = (actual: string, authorized: string) => leaf({ 'basic.staffing.actual': actual, 'basic.staffing.authorized': authorized }, 'staffControl');
  it.each([
    ['7', '10', '70.00%', '5.00'],
    ['10', '10', '100.00%', '5.00'],
    ['101', '100', '101.00%', '4.50'],
    ['50', '46', '108.70%', '0.65'], // 108.695…% → 108.70% → 5 − 8.70 × 0.5
    ['11', '10', '110.00%', '0.00'],
    ['12', '10', '120.00%', '0.00'], // floor at 0
  ])('%s / %s → %s → %s', (actual, authorized, rate, suggested) => {
    expect(measured(staff(actual, authorized))).toEqual([rate, suggested]);
  });

  it('编制 0 or missing: a person scores it (pending, flagged)', () => {
    expect(staff('3', '0')).toMatchObject({ status: 'pending', needsReview: true, notes: expect.arrayContaining([expect.stringMatching(/除数为 0/)]) });
    expect(leaf({ 'basic.staffing.actual': '7' }, 'staffControl')).toMatchObject({ status: 'pending', needsReview: true });
  });
});

describe('三公经费变动率 = (本年预算 − 上年决算) ÷ 上年决算: ≤ 0 → 5, each point above 0 −0.5', () => {
  const change = (prev: string, budget: string) => leaf({ 'basic.expense.threePublic.prevActual': prev, 'basic.expense.threePublic.budget': budget }, 'threePublicChange');
  it.each([
    ['10', '9', '-10.00%', '5.00'],
    ['10', '10', '0.00%', '5.00'],
    ['10', '10.01', '0.10%', '4.95'],
    ['10', '10.1', '1.00%', '4.50'],
    ['10', '10.5', '5.00%', '2.50'],
    ['10', '11', '10.00%', '0.00'],
    ['10', '20', '100.00%', '0.00'],
  ])('上年 %s, 本年 %s → %s → %s', (prev, budget, rate, suggested) => {
    expect(measured(change(prev, budget))).toEqual([rate, suggested]);
  });

  it('上年 0 (the fixture: 0 → 0.6): undefined → manual', () => {
    expect(change('0', '0.6')).toMatchObject({ status: 'pending', suggested: null, needsReview: true });
  });

  it('reads the computed 三公经费 when the heading row is empty (公务接待 alone)', () => {
    const n = leaf({ 'basic.expense.reception.prevActual': '2', 'basic.expense.reception.budget': '1' }, 'threePublicChange');
    expect(measured(n)).toEqual(['-50.00%', '5.00']);
  });
});

describe('预算控制率 = (全年 − 年初) ÷ 年初: 0 → 5, (0, 10%] → 4, (10%, 20%] → 3, (20%, 30%] → 2, > 30% → 0', () => {
  const control = (initial: string, full: string) => leaf({ 'overall.budget.initial': initial, 'overall.budget.full': full }, 'budgetControl');
  it.each([
    ['100', '90', '-10.00%', '5.00'], // 调减
    ['100', '100', '0.00%', '5.00'],
    ['100', '100.01', '0.01%', '4.00'],
    ['100', '110', '10.00%', '4.00'],
    ['100', '110.01', '10.01%', '3.00'],
    ['100', '120', '20.00%', '3.00'],
    ['100', '120.01', '20.01%', '2.00'],
    ['100', '130', '30.00%', '2.00'],
    ['100', '130.01', '30.01%', '0.00'],
    ['81.51', '557.70', '584.21%', '0.00'],
  ])('年初 %s, 全年 %s → %s → %s', (initial, full, rate, suggested) => {
    expect(measured(control(initial, full))).toEqual([rate, suggested]);
  });

  it('年初 0: undefined → manual', () => {
    expect(control('0', '349.32')).toMatchObject({ status: 'pending', needsReview: true });
  });
});

describe('预算完成率 (执行率) = 100% → 5, each 5% below −2', () => {
  const completion = (executed: string) => leaf({ 'overall.budget.full': '100', 'overall.budget.executed': executed }, 'budgetCompletion');
  it.each([
    ['110', '110.00%', '5.00'],
    ['100', '100.00%', '5.00'],
    ['99.99', '99.99%', '5.00'], // 5 − 0.004 = 4.996
    ['97.5', '97.50%', '4.00'],
    ['95', '95.00%', '3.00'],
    ['90', '90.00%', '1.00'],
    ['87.5', '87.50%', '0.00'],
    ['80', '80.00%', '0.00'],
  ])('%s of 100 → %s → %s', (executed, rate, suggested) => {
    expect(measured(completion(executed))).toEqual([rate, suggested]);
  });
});

describe('楼堂馆所面积控制率 = 实际 ÷ 批复: ≤ 100% → 5, each 5% over −2; no project → 5', () => {
  const area = (approved: string | null, actual: string | null) => leaf({ 'basic.buildings.approvedArea': approved, 'basic.buildings.actualArea': actual }, 'buildingsControl');
  it.each([
    ['1000', '900', '90.00%', '5.00'],
    ['1000', '1000', '100.00%', '5.00'],
    ['1000', '1025', '102.50%', '4.00'],
    ['1000', '1050', '105.00%', '3.00'],
    ['1000', '1100', '110.00%', '1.00'],
    ['1000', '1125', '112.50%', '0.00'],
    ['1000', '1500', '150.00%', '0.00'],
  ])('批复 %s, 实际 %s → %s → %s', (approved, actual, rate, suggested) => {
    expect(measured(area(approved, actual))).toEqual([rate, suggested]);
  });

  it('no project (the fixture: every cell empty, or ——) → 5', () => {
    expect(area(null, null)).toMatchObject({ status: 'scored', suggested: '5.00', measure: null });
    expect(area('——', '——')).toMatchObject({ status: 'scored', suggested: '5.00' });
  });

  it('批复 0 with a building: undefined → manual', () => {
    expect(area('0', '100')).toMatchObject({ status: 'pending', needsReview: true });
  });
});

describe('the legacy tree', () => {
  it('is a valid template; 附件三 keep the national project tree', () => {
    expect(validateTemplate(HUNAN_LEGACY_OVERALL_TEMPLATE)).toMatchObject({ ok: true });
    expect(HUNAN_LEGACY_OVERALL_TEMPLATE.trees.project).toEqual(NATIONAL_TREE);
  });

  it('投入 20 / 过程 30 / 产出 25 / 效果 25, the rest manual', () => {
    const t = HUNAN_LEGACY_OVERALL_TEMPLATE.trees.overall;
    expect(t.map((n) => [n.name, n.weight])).toEqual([
      ['投入', '20'],
      ['过程', '30'],
      ['产出', '25'],
      ['效果', '25'],
    ]);
    const leaves = (nodes: typeof t): string[] => nodes.flatMap((n) => (n.kind === 'group' ? leaves(n.children) : [`${n.name} ${n.weight} ${n.kind}`]));
    expect(leaves(t)).toEqual([
      '绩效目标合理性 3 manual',
      '绩效指标明确性 3 manual',
      '在职人员控制率 5 measure',
      '“三公经费”变动率 5 measure',
      '重点支出安排率 4 manual',
      '预算完成率 5 execution',
      '预算控制率 5 measure',
      '楼堂馆所面积控制率 5 measure',
      '结转结余率 5 manual',
      '管理制度健全性 3 manual',
      '资金使用合规性 4 manual',
      '预决算信息公开性 3 manual',
      '职责履行 25 filingIndicators',
      '履职效益 15 filingIndicators',
      '社会公众或服务对象满意度 10 filingIndicators',
    ]);
  });
});
