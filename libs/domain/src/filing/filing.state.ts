import type { CellValue, FilingEvent, ReturnComment } from './filing.events';
import { assertNever } from './filing.events';
import type {
  BudgetRow,
  BuildingField,
  CoverField,
  ExpenseColumn,
  ExpenseItem,
  FundCategory,
  GoalField,
  HeaderField,
  Level1,
  Level2,
  ReportSection,
  ScoreAt,
  Sheet,
  SignoffField,
  StaffingField,
  WeightAt,
  WorkflowState,
} from './filing.types';

export interface BudgetAdjustment {
  direction: 'increase' | 'decrease';
  amount: string;
  fullAfter: string;
  date: string | null;
  documentNumber: string | null;
  reason: string | null;
}

export interface BudgetRowState {
  initial: CellValue;
  full: CellValue;
  executed: CellValue;
  weight: CellValue;
  rate: CellValue;
  score: CellValue;
  adjustments: BudgetAdjustment[];
}

export interface IndicatorState {
  indicatorId: string;
  level1: Level1;
  level2: Level2;
  name: string;
  target: CellValue;
  actual: CellValue;
  weight: CellValue;
  score: CellValue;
  deviation: CellValue;
}

export interface GoalState {
  expected: CellValue;
  actual: CellValue;
}

/** 附件二 or one 附件三: budget rows, goals, groups, indicators, total, sign-off. */
export interface SheetState {
  header: Partial<Record<HeaderField, CellValue>>;
  budget: Partial<Record<BudgetRow, BudgetRowState>>;
  goals: GoalState[];
  groups: Partial<Record<Level1, CellValue>>;
  indicators: IndicatorState[];
  total: { weight: CellValue; score: CellValue };
  signoff: Partial<Record<SignoffField, CellValue>>;
}

/** A project: its 附件三 table (`name`) and/or its 附件一 line (`lineName`). */
export interface ProjectState {
  projectId: string;
  name: string | null;
  lineName: string | null;
  line: Partial<Record<ExpenseColumn, CellValue>>;
  sheet: SheetState;
}

export interface FilingState {
  opened: boolean;
  countyCode: string;
  unitCode: string;
  year: number;
  status: WorkflowState;
  submissions: number;
  returns: number;
  lastReturnComments: ReturnComment[];
  basic: {
    staffing: Partial<Record<StaffingField, CellValue>>;
    expense: Partial<Record<ExpenseItem, Partial<Record<ExpenseColumn, CellValue>>>>;
    buildings: Partial<Record<BuildingField, CellValue>>;
    savingsMeasures: CellValue;
    signoff: Partial<Record<SignoffField, CellValue>>;
  };
  overall: SheetState;
  funds: Partial<Record<FundCategory, CellValue>>;
  projects: ProjectState[];
  report: {
    cover: Partial<Record<CoverField, CellValue>>;
    sections: Partial<Record<ReportSection, CellValue>>;
    /** quoted figures in order; `occurrence` 2 is shown as `<label>#2` */
    quoted: { label: string; occurrence: number; value: CellValue }[];
    statedGrade: CellValue;
  };
  /** next indicator id is `i<indicatorSeq + 1>`: ids are deterministic, so decide stays pure */
  indicatorSeq: number;
  /** the template version the filing is scored with; null until assigned (the built-in default applies) */
  template: { templateId: string; templateVersion: number } | null;
}

export function emptySheet(): SheetState {
  return { header: {}, budget: {}, goals: [], groups: {}, indicators: [], total: { weight: null, score: null }, signoff: {} };
}

export function emptyBudgetRow(): BudgetRowState {
  return { initial: null, full: null, executed: null, weight: null, rate: null, score: null, adjustments: [] };
}

export function initialFilingState(): FilingState {
  return {
    opened: false,
    countyCode: '',
    unitCode: '',
    year: 0,
    status: 'draft',
    submissions: 0,
    returns: 0,
    lastReturnComments: [],
    basic: { staffing: {}, expense: {}, buildings: {}, savingsMeasures: null, signoff: {} },
    overall: emptySheet(),
    funds: {},
    projects: [],
    report: { cover: {}, sections: {}, quoted: [], statedGrade: null },
    indicatorSeq: 0,
    template: null,
  };
}

/** Pure: the state after one event (the input is not changed). */
export function evolve(state: FilingState, event: FilingEvent): FilingState {
  const next = structuredClone(state);
  apply(next, event);
  return next;
}

/** Pure: the state after a sequence of events, from `state` (default: the empty filing). */
export function fold(events: Iterable<FilingEvent>, state: FilingState = initialFilingState()): FilingState {
  const next = structuredClone(state);
  for (const event of events) apply(next, event);
  return next;
}

export function findProject(state: FilingState, projectId: string): ProjectState | undefined {
  return state.projects.find((p) => p.projectId === projectId);
}

/** The sheet state a `Sheet` names, or undefined when the project is gone or has no 附件三 table. */
export function sheetOf(state: FilingState, sheet: Sheet): SheetState | undefined {
  if (sheet.table === 'overall') return state.overall;
  const project = findProject(state, sheet.projectId);
  return project && project.name !== null ? project.sheet : undefined;
}

export function budgetRowOf(sheet: SheetState, row: BudgetRow): BudgetRowState {
  return (sheet.budget[row] ??= emptyBudgetRow());
}

export function weightAt(sheet: SheetState, at: WeightAt): CellValue {
  switch (at.kind) {
    case 'budget':
      return sheet.budget[at.row]?.weight ?? null;
    case 'group':
      return sheet.groups[at.level1] ?? null;
    case 'indicator':
      return sheet.indicators.find((i) => i.indicatorId === at.indicatorId)?.weight ?? null;
    case 'total':
      return sheet.total.weight;
    default:
      return assertNever(at);
  }
}

export function scoreAt(sheet: SheetState, at: ScoreAt): CellValue {
  switch (at.kind) {
    case 'budget':
      return sheet.budget[at.row]?.score ?? null;
    case 'indicator':
      return sheet.indicators.find((i) => i.indicatorId === at.indicatorId)?.score ?? null;
    case 'total':
      return sheet.total.score;
    default:
      return assertNever(at);
  }
}

function mutableSheet(state: FilingState, sheet: Sheet): SheetState {
  const found = sheet.table === 'overall' ? state.overall : findProject(state, sheet.projectId)?.sheet;
  if (!found) throw new Error(`event names a project that does not exist: ${JSON.stringify(sheet)}`);
  return found;
}

function mutableIndicator(state: FilingState, sheet: Sheet, indicatorId: string): IndicatorState {
  const found = mutableSheet(state, sheet).indicators.find((i) => i.indicatorId === indicatorId);
  if (!found) throw new Error(`event names an indicator that does not exist: ${indicatorId}`);
  return found;
}

function mutableProject(state: FilingState, projectId: string): ProjectState {
  const found = findProject(state, projectId);
  if (!found) throw new Error(`event names a project that does not exist: ${projectId}`);
  return found;
}

function setGoal(sheet: SheetState, goal: number, field: GoalField, text: CellValue): void {
  while (sheet.goals.length < goal) sheet.goals.push({ expected: null, actual: null });
  sheet.goals[goal - 1][field] = text;
}

/** Applies one recorded event in place. Recorded events are facts: this never refuses one. */
/** Applies one event to `s` in place (fold and evolve copy first; callers that own their copy may use this). */
export function applyInPlace(s: FilingState, event: FilingEvent): void {
  apply(s, event);
}

function apply(s: FilingState, event: FilingEvent): void {
  switch (event.type) {
    case 'FilingOpened':
      s.opened = true;
      s.countyCode = event.data.countyCode;
      s.unitCode = event.data.unitCode;
      s.year = event.data.year;
      s.status = 'draft';
      return;
    case 'StaffingRecorded':
      s.basic.staffing[event.data.field] = event.data.value;
      return;
    case 'ExpenseLineRecorded':
      (s.basic.expense[event.data.item] ??= {})[event.data.column] = event.data.value;
      return;
    case 'ProjectExpenseLineRecorded':
      mutableProject(s, event.data.projectId).line[event.data.column] = event.data.value;
      return;
    case 'BuildingsRecorded':
      s.basic.buildings[event.data.field] = event.data.value;
      return;
    case 'SavingsMeasuresWritten':
      s.basic.savingsMeasures = event.data.text;
      return;
    case 'SignoffRecorded': {
      const { table, projectId, field, value } = event.data;
      const target = table === 'basic' ? s.basic.signoff : table === 'overall' ? s.overall.signoff : mutableProject(s, projectId ?? '').sheet.signoff;
      target[field] = value;
      return;
    }
    case 'HeaderFieldSet':
      mutableSheet(s, event.data.sheet).header[event.data.field] = event.data.value;
      return;
    case 'InitialBudgetSet':
      budgetRowOf(mutableSheet(s, event.data.sheet), event.data.row).initial = event.data.amount;
      return;
    case 'FullBudgetStated':
      budgetRowOf(mutableSheet(s, event.data.sheet), event.data.row).full = event.data.amount;
      return;
    case 'BudgetAdjusted': {
      const { sheet, row, direction, amount, fullAfter, date, documentNumber, reason } = event.data;
      const budget = budgetRowOf(mutableSheet(s, sheet), row);
      budget.adjustments.push({ direction, amount, fullAfter, date, documentNumber, reason });
      budget.full = fullAfter;
      return;
    }
    case 'SpendingRecorded':
      budgetRowOf(mutableSheet(s, event.data.sheet), event.data.row).executed = event.data.executed;
      return;
    case 'ExecutionRateStated':
      budgetRowOf(mutableSheet(s, event.data.sheet), event.data.row).rate = event.data.rate;
      return;
    case 'WeightSet': {
      const sheet = mutableSheet(s, event.data.sheet);
      const at = event.data.at;
      if (at.kind === 'budget') budgetRowOf(sheet, at.row).weight = event.data.weight;
      else if (at.kind === 'group') sheet.groups[at.level1] = event.data.weight;
      else if (at.kind === 'indicator') mutableIndicator(s, event.data.sheet, at.indicatorId).weight = event.data.weight;
      else sheet.total.weight = event.data.weight;
      return;
    }
    case 'SelfScoreEntered':
    case 'SelfScoreCorrected': {
      const sheet = mutableSheet(s, event.data.sheet);
      const at = event.data.at;
      if (at.kind === 'budget') budgetRowOf(sheet, at.row).score = event.data.score;
      else if (at.kind === 'indicator') mutableIndicator(s, event.data.sheet, at.indicatorId).score = event.data.score;
      else sheet.total.score = event.data.score;
      return;
    }
    case 'FundsRecorded':
      s.funds[event.data.category] = event.data.amount;
      return;
    case 'GoalWritten':
      setGoal(mutableSheet(s, event.data.sheet), event.data.goal, event.data.field, event.data.text);
      return;
    case 'IndicatorDefined': {
      const { sheet, indicatorId, level1, level2, name } = event.data;
      mutableSheet(s, sheet).indicators.push({ indicatorId, level1, level2, name, target: null, actual: null, weight: null, score: null, deviation: null });
      const seq = Number(/^i(\d+)$/u.exec(indicatorId)?.[1] ?? 0);
      if (seq > s.indicatorSeq) s.indicatorSeq = seq;
      return;
    }
    case 'IndicatorRemoved': {
      const sheet = mutableSheet(s, event.data.sheet);
      sheet.indicators = sheet.indicators.filter((i) => i.indicatorId !== event.data.indicatorId);
      return;
    }
    case 'IndicatorTargetSet':
      mutableIndicator(s, event.data.sheet, event.data.indicatorId).target = event.data.target;
      return;
    case 'IndicatorActualRecorded':
      mutableIndicator(s, event.data.sheet, event.data.indicatorId).actual = event.data.actual;
      return;
    case 'DeviationExplained':
      mutableIndicator(s, event.data.sheet, event.data.indicatorId).deviation = event.data.text;
      return;
    case 'ProjectAdded':
      s.projects.push({ projectId: event.data.projectId, name: event.data.name, lineName: event.data.lineName, line: {}, sheet: emptySheet() });
      return;
    case 'ProjectRenamed': {
      const project = mutableProject(s, event.data.projectId);
      if (event.data.part === 'table') project.name = event.data.to;
      else project.lineName = event.data.to;
      return;
    }
    case 'ProjectLinked': {
      const project = mutableProject(s, event.data.projectId);
      const merged = mutableProject(s, event.data.mergedProjectId);
      project.lineName = event.data.lineName;
      project.line = { ...merged.line };
      s.projects = s.projects.filter((p) => p.projectId !== merged.projectId);
      return;
    }
    case 'ProjectRemoved':
      s.projects = s.projects.filter((p) => p.projectId !== event.data.projectId);
      return;
    case 'CoverFieldSet':
      s.report.cover[event.data.field] = event.data.value;
      return;
    case 'ReportSectionWritten':
      s.report.sections[event.data.section] = event.data.text;
      return;
    case 'ReportFigureQuoted': {
      const { label, occurrence, value } = event.data;
      const existing = s.report.quoted.find((q) => q.label === label && q.occurrence === occurrence);
      if (existing) existing.value = value;
      else s.report.quoted.push({ label, occurrence, value });
      return;
    }
    case 'GradeStated':
      s.report.statedGrade = event.data.printed;
      return;
    case 'FilingTemplateAssigned':
      s.template = { templateId: event.data.templateId, templateVersion: event.data.templateVersion };
      return;
    case 'FilingSubmitted':
      s.status = 'submitted';
      s.submissions += 1;
      return;
    case 'FilingReturned':
      s.status = 'draft';
      s.returns += 1;
      s.lastReturnComments = event.data.comments;
      return;
    case 'FilingAccepted':
      s.status = 'accepted';
      return;
    case 'FilingPublished':
      s.status = 'published';
      return;
    default:
      assertNever(event);
  }
}
