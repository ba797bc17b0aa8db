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
} from './filing.types';

/** A cell value as stored (PRODUCT.md "Values"): the printed string, `"——"`, or `null` for empty. */
export type CellValue = string | null;

/** A comment the bureau attaches when it returns a filing: on the whole filing (`path: null`) or a figure. */
export interface ReturnComment {
  path: string | null;
  text: string;
}

/**
 * The filing stream's events: one closed union. The stored `type` equals the TypeScript name and is never
 * renamed. `figurePathsOf` (filing.paths.ts) declares the paths each one sets; a new member that is not
 * handled by evolve, decide or figurePathsOf fails to compile.
 */
export type FilingEvent =
  | { type: 'FilingOpened'; data: { countyCode: string; unitCode: string; year: number } }
  // 附件一 基础数据表
  | { type: 'StaffingRecorded'; data: { field: StaffingField; value: CellValue } }
  | { type: 'ExpenseLineRecorded'; data: { item: ExpenseItem; column: ExpenseColumn; value: CellValue } }
  | { type: 'ProjectExpenseLineRecorded'; data: { projectId: string; column: ExpenseColumn; value: CellValue } }
  | { type: 'BuildingsRecorded'; data: { field: BuildingField; value: CellValue } }
  | { type: 'SavingsMeasuresWritten'; data: { text: CellValue } }
  // every table
  | { type: 'SignoffRecorded'; data: { table: 'basic' | 'overall' | 'project'; projectId?: string; field: SignoffField; value: CellValue } }
  // 附件二 and 附件三
  | { type: 'HeaderFieldSet'; data: { sheet: Sheet; field: HeaderField; value: CellValue } }
  | { type: 'InitialBudgetSet'; data: { sheet: Sheet; row: BudgetRow; amount: CellValue } }
  | { type: 'FullBudgetStated'; data: { sheet: Sheet; row: BudgetRow; amount: CellValue } }
  | {
      type: 'BudgetAdjusted';
      data: {
        sheet: Sheet;
        row: BudgetRow;
        direction: 'increase' | 'decrease';
        /** positive; the direction gives the sign */
        amount: string;
        /** the 全年预算数 the filer states after this adjustment */
        fullAfter: string;
        /** the date of the adjustment document; null when the filer gave none */
        date: string | null;
        documentNumber: string | null;
        reason: string | null;
      };
    }
  | { type: 'SpendingRecorded'; data: { sheet: Sheet; row: BudgetRow; executed: CellValue } }
  | { type: 'ExecutionRateStated'; data: { sheet: Sheet; row: BudgetRow; rate: CellValue } }
  | { type: 'WeightSet'; data: { sheet: Sheet; at: WeightAt; weight: CellValue } }
  | { type: 'SelfScoreEntered'; data: { sheet: Sheet; at: ScoreAt; score: CellValue } }
  | { type: 'SelfScoreCorrected'; data: { sheet: Sheet; at: ScoreAt; previous: CellValue; score: CellValue } }
  | { type: 'FundsRecorded'; data: { category: FundCategory; amount: CellValue } }
  | { type: 'GoalWritten'; data: { sheet: Sheet; goal: number; field: GoalField; text: CellValue } }
  | { type: 'IndicatorDefined'; data: { sheet: Sheet; indicatorId: string; level1: Level1; level2: Level2; name: string } }
  | { type: 'IndicatorRemoved'; data: { sheet: Sheet; indicatorId: string } }
  | { type: 'IndicatorTargetSet'; data: { sheet: Sheet; indicatorId: string; target: CellValue } }
  | { type: 'IndicatorActualRecorded'; data: { sheet: Sheet; indicatorId: string; actual: CellValue } }
  | { type: 'DeviationExplained'; data: { sheet: Sheet; indicatorId: string; text: CellValue } }
  // projects (entities with a stable projectId; names are how paths display them)
  | { type: 'ProjectAdded'; data: { projectId: string; name: string | null; lineName: string | null } }
  | { type: 'ProjectRenamed'; data: { projectId: string; part: 'table' | 'line'; from: string; to: string } }
  | { type: 'ProjectLinked'; data: { projectId: string; mergedProjectId: string; lineName: string; basis: 'name' | 'figures' | 'command' } }
  | { type: 'ProjectRemoved'; data: { projectId: string } }
  // 附件四 自评报告
  | { type: 'CoverFieldSet'; data: { field: CoverField; value: CellValue } }
  | { type: 'ReportSectionWritten'; data: { section: ReportSection; text: CellValue } }
  | { type: 'ReportFigureQuoted'; data: { label: string; occurrence: number; value: CellValue } }
  | { type: 'GradeStated'; data: { printed: CellValue } }
  // scoring: the template version the filing is scored with (from its round, or re-scored on request)
  | { type: 'FilingTemplateAssigned'; data: { templateId: string; templateVersion: number; basis: 'round' | 'rescore' } }
  // workflow
  | { type: 'FilingSubmitted'; data: Record<string, never> }
  | { type: 'FilingReturned'; data: { comments: ReturnComment[] } }
  | { type: 'FilingAccepted'; data: Record<string, never> }
  | { type: 'FilingPublished'; data: Record<string, never> };

export type FilingEventType = FilingEvent['type'];
export type FilingEventOf<T extends FilingEventType> = Extract<FilingEvent, { type: T }>;

/** Every event type, for catalogues and exhaustiveness tests. Adding a member above without listing it here fails to compile. */
export const FILING_EVENT_TYPES = [
  'FilingOpened',
  'StaffingRecorded',
  'ExpenseLineRecorded',
  'ProjectExpenseLineRecorded',
  'BuildingsRecorded',
  'SavingsMeasuresWritten',
  'SignoffRecorded',
  'HeaderFieldSet',
  'InitialBudgetSet',
  'FullBudgetStated',
  'BudgetAdjusted',
  'SpendingRecorded',
  'ExecutionRateStated',
  'WeightSet',
  'SelfScoreEntered',
  'SelfScoreCorrected',
  'FundsRecorded',
  'GoalWritten',
  'IndicatorDefined',
  'IndicatorRemoved',
  'IndicatorTargetSet',
  'IndicatorActualRecorded',
  'DeviationExplained',
  'ProjectAdded',
  'ProjectRenamed',
  'ProjectLinked',
  'ProjectRemoved',
  'CoverFieldSet',
  'ReportSectionWritten',
  'ReportFigureQuoted',
  'GradeStated',
  'FilingTemplateAssigned',
  'FilingSubmitted',
  'FilingReturned',
  'FilingAccepted',
  'FilingPublished',
] as const satisfies readonly FilingEventType[];
type Missing = Exclude<FilingEventType, (typeof FILING_EVENT_TYPES)[number]>;
const _allListed: Missing extends never ? true : Missing = true;
void _allListed;

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
