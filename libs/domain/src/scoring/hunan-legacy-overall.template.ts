import { DEFAULT_PARAMETERS, NATIONAL_TREE, deepFrozen } from './national-default.template';
import type { MeasureNode, ScoringTemplate, TemplateNode } from './template.types';

/**
 * The legacy Hunan 部门整体支出 index (投入 / 过程 / 产出 / 效果) for 附件二; 附件三 keep the national
 * project tree. The five rules written out below are computed from 附件一 and 附件二; the rest of the
 * legacy index needs a person (`manual`): the forms hold no score for it, so the leaf is pending and
 * flagged, and its weight goes to what was scored. 产出 and 效果 score the filing's own indicators. Weights (100):
 *
 * | 一级 | 二级 | 三级 |
 * |---|---|---|
 * | 投入 20 | 目标设定 6 | 绩效目标合理性 3, 绩效指标明确性 3 (manual) |
 * | | 预算配置 14 | 在职人员控制率 5, “三公经费”变动率 5, 重点支出安排率 4 (manual) |
 * | 过程 30 | 预算执行 20 | 预算完成率 5, 预算控制率 5, 楼堂馆所面积控制率 5, 结转结余率 5 (manual) |
 * | | 预算管理 10 | 管理制度健全性 3, 资金使用合规性 4, 预决算信息公开性 3 (manual) |
 * | 产出 25 | 职责履行 25 | the filing's 产出 indicators |
 * | 效果 25 | 履职效益 15, 社会公众或服务对象满意度 10 | the filing's 效益, 满意度 indicators |
 */

const percentOf = (numerator: MeasureNode['formula'], denominator: MeasureNode['formula']): MeasureNode['formula'] => ({
  op: 'mul',
  args: [{ op: 'div', args: [numerator, denominator] }, { const: '100' }],
});
const fig = (figure: string) => ({ figure });
const manual = (id: string, name: string, weight: string): TemplateNode => ({ kind: 'manual', id, name, weight });

/** 在职人员控制率 = 在职 ÷ 编制: ≤ 100% → 5; each point above −0.5. */
export const STAFF_CONTROL: MeasureNode = {
  kind: 'measure',
  id: 'staffControl',
  name: '在职人员控制率',
  weight: '5',
  unit: '%',
  formula: percentOf(fig('basic.staffing.actual'), fig('basic.staffing.authorized')),
  method: { kind: 'deduction', direction: 'above', threshold: '100', per: '1', points: '0.5', stepping: 'proportional' },
  whenMissing: 'manual',
  whenZeroDenominator: 'manual',
};

/**
 * 三公经费变动率 = (本年预算 − 上年) ÷ 上年: ≤ 0 → 5; each point above 0 −0.5. 附件一 prints no 上年预算
 * column, so 上年 is its 上年决算数 (`prevActual`); 上年 0 leaves it undefined → manual.
 */
export const THREE_PUBLIC_CHANGE: MeasureNode = {
  kind: 'measure',
  id: 'threePublicChange',
  name: '“三公经费”变动率',
  weight: '5',
  unit: '%',
  formula: percentOf({ op: 'sub', args: [fig('basic.expense.threePublic.budget'), fig('basic.expense.threePublic.prevActual')] }, fig('basic.expense.threePublic.prevActual')),
  method: { kind: 'deduction', direction: 'above', threshold: '0', per: '1', points: '0.5', stepping: 'proportional' },
  whenMissing: 'manual',
  whenZeroDenominator: 'manual',
};

/** 预算控制率 = 追加 ÷ 年初 = (全年 − 年初) ÷ 年初: ≤ 0 → 5, (0, 10%] → 4, (10%, 20%] → 3, (20%, 30%] → 2, > 30% → 0. */
export const BUDGET_CONTROL: MeasureNode = {
  kind: 'measure',
  id: 'budgetControl',
  name: '预算控制率',
  weight: '5',
  unit: '%',
  formula: percentOf({ op: 'sub', args: [fig('$.budget.full'), fig('$.budget.initial')] }, fig('$.budget.initial')),
  method: {
    kind: 'stepTable',
    steps: [
      { upTo: '0', inclusive: true, score: '5' },
      { upTo: '10', inclusive: true, score: '4' },
      { upTo: '20', inclusive: true, score: '3' },
      { upTo: '30', inclusive: true, score: '2' },
      { upTo: null, inclusive: true, score: '0' },
    ],
  },
  whenMissing: 'manual',
  whenZeroDenominator: 'manual',
};

/** 楼堂馆所面积控制率 = 实际规模 ÷ 批复规模: ≤ 100% → 5; each 5% over −2; no project (cells empty) → 5. */
export const BUILDINGS_CONTROL: MeasureNode = {
  kind: 'measure',
  id: 'buildingsControl',
  name: '楼堂馆所面积控制率',
  weight: '5',
  unit: '%',
  formula: percentOf(fig('basic.buildings.actualArea'), fig('basic.buildings.approvedArea')),
  method: { kind: 'deduction', direction: 'above', threshold: '100', per: '5', points: '2', stepping: 'proportional' },
  whenMissing: 'full',
  whenZeroDenominator: 'manual',
};

/** 预算完成率 (执行率) = 100% → 5; each 5% below −2. */
export const BUDGET_COMPLETION: TemplateNode = {
  kind: 'execution',
  id: 'budgetCompletion',
  name: '预算完成率',
  weight: '5',
  method: { kind: 'deduction', direction: 'below', threshold: '100', per: '5', points: '2', stepping: 'proportional' },
};

export const HUNAN_LEGACY_OVERALL_TREE: TemplateNode[] = deepFrozen([
  {
    kind: 'group',
    id: 'input',
    name: '投入',
    weight: '20',
    children: [
      { kind: 'group', id: 'targetSetting', name: '目标设定', weight: '6', children: [manual('goalReasonable', '绩效目标合理性', '3'), manual('indicatorClarity', '绩效指标明确性', '3')] },
      { kind: 'group', id: 'budgetAllocation', name: '预算配置', weight: '14', children: [STAFF_CONTROL, THREE_PUBLIC_CHANGE, manual('keySpending', '重点支出安排率', '4')] },
    ],
  },
  {
    kind: 'group',
    id: 'process',
    name: '过程',
    weight: '30',
    children: [
      { kind: 'group', id: 'budgetExecution', name: '预算执行', weight: '20', children: [BUDGET_COMPLETION, BUDGET_CONTROL, BUILDINGS_CONTROL, manual('carryOver', '结转结余率', '5')] },
      {
        kind: 'group',
        id: 'budgetManagement',
        name: '预算管理',
        weight: '10',
        children: [manual('managementRules', '管理制度健全性', '3'), manual('compliance', '资金使用合规性', '4'), manual('disclosure', '预决算信息公开性', '3')],
      },
    ],
  },
  { kind: 'group', id: 'outputs', name: '产出', weight: '25', children: [{ kind: 'filingIndicators', id: 'duties', name: '职责履行', weight: '25', level1: 'output' }] },
  {
    kind: 'group',
    id: 'effect',
    name: '效果',
    weight: '25',
    children: [
      { kind: 'filingIndicators', id: 'benefits', name: '履职效益', weight: '15', level1: 'benefit' },
      { kind: 'filingIndicators', id: 'satisfaction', name: '社会公众或服务对象满意度', weight: '10', level1: 'satisfaction' },
    ],
  },
]);

export const HUNAN_LEGACY_OVERALL_TEMPLATE: ScoringTemplate = deepFrozen({
  id: 'hunan-legacy-overall',
  version: 1,
  name: '湖南省部门整体支出绩效评价指标（旧版）',
  basis: '湖南省部门整体支出绩效评价共性指标（投入、过程、产出、效果）；附件三用全国项目支出自评模板',
  parameters: structuredClone(DEFAULT_PARAMETERS),
  trees: { overall: structuredClone(HUNAN_LEGACY_OVERALL_TREE), project: structuredClone(NATIONAL_TREE) },
});
