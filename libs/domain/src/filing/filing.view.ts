import { joinPath } from '../figure-path';
import type { CellValue, ReturnComment } from './filing.events';
import { indicatorDisplayNames, projectDisplayNames } from './filing.paths';
import type { BudgetAdjustment, FilingState, SheetState } from './filing.state';
import { BUDGET_ROWS, EXPENSE_ITEMS, LEVEL1S, REPORT_SECTIONS } from './filing.types';
import type { BudgetRow, ExpenseItem, Level1, Level2, ReportSection, WorkflowState } from './filing.types';

/** Row labels as the forms print them (UI text). */
export const EXPENSE_LABELS: Record<ExpenseItem, string> = {
  threePublic: '三公经费',
  vehicle: '公务用车购置和维护经费',
  vehiclePurchase: '公车购置',
  vehicleOperation: '公车运行维护',
  overseas: '出国经费',
  reception: '公务接待',
  projects: '项目支出',
  publicFunds: '公用经费',
  office: '办公经费',
  utilitiesTravel: '水费、电费、差旅费',
  meetingsTraining: '会议费、培训费',
  procurement: '政府采购金额',
  basicAdjustment: '部门基本支出预算调整',
};
export const BUDGET_ROW_LABELS: Record<BudgetRow, string> = { total: '年度资金总额', currentYear: '其中：当年财政拨款', carryOver: '上年结转资金', other: '其他资金' };
export const LEVEL1_LABELS: Record<Level1, string> = { output: '产出指标', benefit: '效益指标', satisfaction: '满意度指标' };
export const LEVEL2_LABELS: Record<Level2, string> = {
  quantity: '数量指标',
  quality: '质量指标',
  timeliness: '时效指标',
  cost: '成本指标',
  economic: '经济效益指标',
  social: '社会效益指标',
  ecological: '生态效益指标',
  sustainable: '可持续影响指标',
  serviceTarget: '服务对象满意度指标',
};
export const SECTION_TITLES: Record<ReportSection, string> = {
  basicInfo: '部门基本情况',
  generalPublicBudget: '一般公共预算支出情况',
  govFundBudget: '政府性基金预算支出情况',
  stateCapitalBudget: '国有资本经营预算支出情况',
  socialInsuranceBudget: '社会保险基金预算支出情况',
  performance: '部门整体支出绩效情况',
  problems: '存在的问题及原因分析',
  improvements: '下一步改进措施',
  resultsApplication: '部门整体支出绩效自评结果拟应用和公开情况',
  other: '其他需要说明的情况',
};

export interface BudgetRowView {
  row: BudgetRow;
  label: string;
  initial: CellValue;
  full: CellValue;
  executed: CellValue;
  weight: CellValue;
  rate: CellValue;
  score: CellValue;
  adjustments: BudgetAdjustment[];
}

export interface IndicatorView {
  indicatorId: string;
  level2: Level2;
  level2Label: string;
  name: string;
  path: string;
  target: CellValue;
  actual: CellValue;
  weight: CellValue;
  score: CellValue;
  deviation: CellValue;
}

export interface SheetView {
  table: string;
  budget: BudgetRowView[];
  goals: { goal: number; expected: CellValue; actual: CellValue }[];
  groups: { level1: Level1; label: string; weight: CellValue; indicators: IndicatorView[] }[];
  total: { weight: CellValue; score: CellValue };
  signoff: Record<string, CellValue>;
}

/** The four tables as the forms show them (stated figures; computed ones are in the `computed` map). */
export interface FilingTablesView {
  countyCode: string;
  unitCode: string;
  year: number;
  status: WorkflowState;
  submissions: number;
  returns: number;
  lastReturnComments: ReturnComment[];
  basic: {
    staffing: Record<string, CellValue>;
    expense: { item: ExpenseItem | 'project'; projectId?: string; label: string; path: string; prevActual: CellValue; budget: CellValue; actual: CellValue }[];
    buildings: Record<string, CellValue>;
    savingsMeasures: CellValue;
    signoff: Record<string, CellValue>;
  };
  overall: SheetView & { unitName: CellValue; funds: Record<string, CellValue> };
  projects: (SheetView & { projectId: string; name: string | null; lineName: string | null; department: CellValue; implementer: CellValue })[];
  report: {
    cover: Record<string, CellValue>;
    sections: { section: ReportSection; title: string; text: CellValue }[];
    quoted: { label: string; path: string; value: CellValue }[];
    statedGrade: CellValue;
  };
}

/** `head` is the table's first path segment, unescaped (`overall`, `project:<display name>`). */
function sheetView(head: string, sheet: SheetState): SheetView {
  const table = head;
  const names = indicatorDisplayNames(sheet.indicators);
  const budget = BUDGET_ROWS.filter((row) => sheet.budget[row]).map((row) => {
    const r = sheet.budget[row]!;
    return { row, label: BUDGET_ROW_LABELS[row], initial: r.initial, full: r.full, executed: r.executed, weight: r.weight, rate: r.rate, score: r.score, adjustments: r.adjustments };
  });
  const groups = LEVEL1S.filter((l1) => sheet.groups[l1] !== undefined || sheet.indicators.some((i) => i.level1 === l1)).map((level1) => ({
    level1,
    label: LEVEL1_LABELS[level1],
    weight: sheet.groups[level1] ?? null,
    indicators: sheet.indicators
      .filter((i) => i.level1 === level1)
      .map((i) => {
        const name = names.get(i.indicatorId)!;
        return {
          indicatorId: i.indicatorId,
          level2: i.level2,
          level2Label: LEVEL2_LABELS[i.level2],
          name,
          path: joinPath([table, 'indicators', level1, i.level2, name]),
          target: i.target,
          actual: i.actual,
          weight: i.weight,
          score: i.score,
          deviation: i.deviation,
        };
      }),
  }));
  return {
    table: joinPath([head]),
    budget,
    goals: sheet.goals.map((g, i) => ({ goal: i + 1, expected: g.expected, actual: g.actual })),
    groups,
    total: { ...sheet.total },
    signoff: { ...sheet.signoff },
  };
}

export function tablesViewOf(state: FilingState): FilingTablesView {
  const { tables, lines } = projectDisplayNames(state);
  const b = state.basic;
  const expense: FilingTablesView['basic']['expense'] = [];
  for (const item of EXPENSE_ITEMS) {
    const row = b.expense[item];
    if (row) expense.push({ item, label: EXPENSE_LABELS[item], path: joinPath(['basic', 'expense', item]), prevActual: row.prevActual ?? null, budget: row.budget ?? null, actual: row.actual ?? null });
    if (item === 'projects') {
      for (const p of state.projects) {
        if (p.lineName === null) continue;
        const label = lines.get(p.projectId)!;
        expense.push({ item: 'project', projectId: p.projectId, label, path: joinPath(['basic', 'expense', `project:${label}`]), prevActual: p.line.prevActual ?? null, budget: p.line.budget ?? null, actual: p.line.actual ?? null });
      }
    }
  }
  return {
    countyCode: state.countyCode,
    unitCode: state.unitCode,
    year: state.year,
    status: state.status,
    submissions: state.submissions,
    returns: state.returns,
    lastReturnComments: state.lastReturnComments,
    basic: { staffing: { ...b.staffing }, expense, buildings: { ...b.buildings }, savingsMeasures: b.savingsMeasures, signoff: { ...b.signoff } },
    overall: { ...sheetView('overall', state.overall), unitName: state.overall.header.unitName ?? null, funds: { ...state.funds } },
    projects: state.projects.map((p) => ({
      ...sheetView(p.name === null ? '' : `project:${tables.get(p.projectId)}`, p.sheet),
      projectId: p.projectId,
      name: p.name === null ? null : tables.get(p.projectId)!,
      lineName: p.lineName === null ? null : lines.get(p.projectId)!,
      department: p.sheet.header.department ?? null,
      implementer: p.sheet.header.implementer ?? null,
    })),
    report: {
      cover: { ...state.report.cover },
      sections: REPORT_SECTIONS.filter((s) => state.report.sections[s] !== undefined).map((section) => ({ section, title: SECTION_TITLES[section], text: state.report.sections[section] ?? null })),
      quoted: state.report.quoted.map((q) => {
        const label = q.occurrence === 1 ? q.label : `${q.label}#${q.occurrence}`;
        return { label, path: joinPath(['report', 'quoted', label]), value: q.value };
      }),
      statedGrade: state.report.statedGrade,
    },
  };
}
