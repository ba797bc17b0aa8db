/**
 * The vocabulary of the four tables (PRODUCT.md "Figure paths v1", glossary.md): every closed list a
 * figure path may name. The lists are `as const` so that events, commands and paths share one type.
 */

export const LEVEL2_BY_LEVEL1 = {
  output: ['quantity', 'quality', 'timeliness', 'cost'],
  benefit: ['economic', 'social', 'ecological', 'sustainable'],
  satisfaction: ['serviceTarget'],
} as const;
export type Level1 = keyof typeof LEVEL2_BY_LEVEL1;
export type Level2 = (typeof LEVEL2_BY_LEVEL1)[Level1][number];
export const LEVEL1S = Object.keys(LEVEL2_BY_LEVEL1) as Level1[];

export const STAFFING_FIELDS = ['authorized', 'actual', 'controlRate'] as const;
export type StaffingField = (typeof STAFFING_FIELDS)[number];

export const EXPENSE_ITEMS = [
  'threePublic',
  'vehicle',
  'vehiclePurchase',
  'vehicleOperation',
  'overseas',
  'reception',
  'projects',
  'publicFunds',
  'office',
  'utilitiesTravel',
  'meetingsTraining',
  'procurement',
  'basicAdjustment',
] as const;
export type ExpenseItem = (typeof EXPENSE_ITEMS)[number];

export const EXPENSE_COLUMNS = ['prevActual', 'budget', 'actual'] as const;
export type ExpenseColumn = (typeof EXPENSE_COLUMNS)[number];

export const BUILDING_FIELDS = ['approvedArea', 'actualArea', 'areaControlRate', 'budgetInvestment', 'actualInvestment', 'investmentControlRate'] as const;
export type BuildingField = (typeof BUILDING_FIELDS)[number];

export const SIGNOFF_FIELDS = ['preparer', 'date', 'phone', 'head'] as const;
export type SignoffField = (typeof SIGNOFF_FIELDS)[number];

/** A budget row: `budget` (the table's 年度资金总额 / 年度资金总额 row) or a project's fund sub-row. */
export const BUDGET_ROWS = ['total', 'currentYear', 'carryOver', 'other'] as const;
export type BudgetRow = (typeof BUDGET_ROWS)[number];
export const PROJECT_FUND_ROWS = ['currentYear', 'carryOver', 'other'] as const;

export const BUDGET_FIELDS = ['initial', 'full', 'executed', 'weight', 'rate', 'score'] as const;
export type BudgetField = (typeof BUDGET_FIELDS)[number];

export const FUND_CATEGORIES = ['generalPublic', 'govFund', 'specialAccount', 'other', 'basic', 'project', 'sourceTotal', 'natureTotal'] as const;
export type FundCategory = (typeof FUND_CATEGORIES)[number];

export const GOAL_FIELDS = ['expected', 'actual'] as const;
export type GoalField = (typeof GOAL_FIELDS)[number];

export const INDICATOR_FIELDS = ['target', 'actual', 'weight', 'score', 'deviation'] as const;
export type IndicatorField = (typeof INDICATOR_FIELDS)[number];

export const TOTAL_FIELDS = ['weight', 'score'] as const;
export type TotalField = (typeof TOTAL_FIELDS)[number];

/** Header cells: 附件二 单位名称; 附件三 主管部门 / 实施单位; 附件四 cover. */
export const OVERALL_HEADER_FIELDS = ['unitName'] as const;
export const PROJECT_HEADER_FIELDS = ['department', 'implementer'] as const;
export const COVER_FIELDS = ['unitName', 'date'] as const;
export type CoverField = (typeof COVER_FIELDS)[number];
export type HeaderField = (typeof OVERALL_HEADER_FIELDS)[number] | (typeof PROJECT_HEADER_FIELDS)[number];

export const REPORT_SECTIONS = [
  'basicInfo',
  'generalPublicBudget',
  'govFundBudget',
  'stateCapitalBudget',
  'socialInsuranceBudget',
  'performance',
  'problems',
  'improvements',
  'resultsApplication',
  'other',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** A table that has budget rows, goals and indicators: 附件二, or one project's 附件三. */
export type Sheet = { table: 'overall' } | { table: 'project'; projectId: string };
export const OVERALL: Sheet = { table: 'overall' };

export function sheetKey(sheet: Sheet): string {
  return sheet.table === 'overall' ? 'overall' : `project/${sheet.projectId}`;
}

/** Where a weight is written: a budget row's 分值, a 一级 heading, an indicator, or the 总分 row. */
export type WeightAt =
  | { kind: 'budget'; row: BudgetRow }
  | { kind: 'group'; level1: Level1 }
  | { kind: 'indicator'; indicatorId: string }
  | { kind: 'total' };
/** Where a self score is written. */
export type ScoreAt = { kind: 'budget'; row: BudgetRow } | { kind: 'indicator'; indicatorId: string } | { kind: 'total' };

export const WORKFLOW_STATES = ['draft', 'submitted', 'accepted', 'published'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export const UNIT_KINDS = ['administrative', 'institution'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
