import { joinPath } from '../figure-path';
import type { FilingEvent } from './filing.events';
import { assertNever } from './filing.events';
import { figuresOf } from './filing.figures';
import { indicatorDisplayNames, projectDisplayNames, withOccurrence } from './filing.paths';
import type { FilingState, ProjectState } from './filing.state';
import { findProject } from './filing.state';
import type { BudgetRow, Sheet } from './filing.types';

/**
 * Which figure paths each event sets: "every event says which figure paths it sets" (PRODUCT.md).
 * Paths are named as they were when the event was recorded. A removal declares the paths it empties.
 */

/** The table segment of a sheet: `overall` or `project:<display name>`. */
export function sheetSegment(state: FilingState, sheet: Sheet): string {
  if (sheet.table === 'overall') return 'overall';
  const name = projectDisplayNames(state).tables.get(sheet.projectId);
  if (name === undefined) throw new Error(`project ${sheet.projectId} has no table`);
  return `project:${name}`;
}

function sheetPrefix(state: FilingState, sheet: Sheet): string[] {
  return [sheetSegment(state, sheet)];
}

function indicatorSegments(state: FilingState, sheet: Sheet, indicatorId: string): string[] {
  const sheetState = sheet.table === 'overall' ? state.overall : findProject(state, sheet.projectId)?.sheet;
  const indicator = sheetState?.indicators.find((i) => i.indicatorId === indicatorId);
  if (!sheetState || !indicator) throw new Error(`unknown indicator ${indicatorId}`);
  const name = indicatorDisplayNames(sheetState.indicators).get(indicatorId) as string;
  return [...sheetPrefix(state, sheet), 'indicators', indicator.level1, indicator.level2, name];
}

function budgetSegments(state: FilingState, sheet: Sheet, row: BudgetRow): string[] {
  return row === 'total' ? [...sheetPrefix(state, sheet), 'budget'] : [...sheetPrefix(state, sheet), 'funds', row];
}

function lineSegment(state: FilingState, project: ProjectState): string {
  return `project:${projectDisplayNames(state).lines.get(project.projectId)}`;
}

/**
 * The figure paths an event sets, named as they were when it was recorded (`before` is the state the
 * event was applied to). Structural and workflow events set no figure.
 */
export function figurePathsOf(event: FilingEvent, before: FilingState): string[] {
  const d = event;
  switch (d.type) {
    case 'FilingOpened':
    case 'FilingTemplateAssigned':
    case 'FilingSubmitted':
    case 'FilingReturned':
    case 'FilingAccepted':
    case 'FilingPublished':
    case 'ProjectAdded':
    case 'ProjectRenamed':
    case 'ProjectLinked':
    case 'IndicatorDefined':
      return [];
    case 'ProjectRemoved': {
      // every cell of its 附件三 table and of its 附件一 line that held a value
      const project = findProject(before, d.data.projectId);
      if (!project) return [];
      const prefixes: string[] = [];
      if (project.name !== null) prefixes.push(`${joinPath([sheetSegment(before, { table: 'project', projectId: project.projectId })])}.`);
      if (project.lineName !== null) prefixes.push(`${joinPath(['basic', 'expense', lineSegment(before, project)])}.`);
      return Object.keys(figuresOf(before)).filter((path) => prefixes.some((prefix) => path.startsWith(prefix)));
    }
    case 'IndicatorRemoved': {
      const prefix = `${joinPath(indicatorSegments(before, d.data.sheet, d.data.indicatorId))}.`;
      return Object.keys(figuresOf(before)).filter((path) => path.startsWith(prefix));
    }
    case 'StaffingRecorded':
      return [joinPath(['basic', 'staffing', d.data.field])];
    case 'ExpenseLineRecorded':
      return [joinPath(['basic', 'expense', d.data.item, d.data.column])];
    case 'ProjectExpenseLineRecorded': {
      const project = findProject(before, d.data.projectId);
      return project ? [joinPath(['basic', 'expense', lineSegment(before, project), d.data.column])] : [];
    }
    case 'BuildingsRecorded':
      return [joinPath(['basic', 'buildings', d.data.field])];
    case 'SavingsMeasuresWritten':
      return ['basic.savingsMeasures'];
    case 'SignoffRecorded': {
      const { table, projectId, field } = d.data;
      const head = table === 'basic' ? 'basic' : table === 'overall' ? 'overall' : sheetSegment(before, { table: 'project', projectId: projectId ?? '' });
      return [joinPath([head, 'signoff', field])];
    }
    case 'HeaderFieldSet':
      return [joinPath([...sheetPrefix(before, d.data.sheet), d.data.field])];
    case 'InitialBudgetSet':
      return [joinPath([...budgetSegments(before, d.data.sheet, d.data.row), 'initial'])];
    case 'FullBudgetStated':
    case 'BudgetAdjusted':
      return [joinPath([...budgetSegments(before, d.data.sheet, d.data.row), 'full'])];
    case 'SpendingRecorded':
      return [joinPath([...budgetSegments(before, d.data.sheet, d.data.row), 'executed'])];
    case 'ExecutionRateStated':
      return [joinPath([...budgetSegments(before, d.data.sheet, d.data.row), 'rate'])];
    case 'WeightSet': {
      const at = d.data.at;
      if (at.kind === 'budget') return [joinPath([...budgetSegments(before, d.data.sheet, at.row), 'weight'])];
      if (at.kind === 'group') return [joinPath([...sheetPrefix(before, d.data.sheet), 'groups', at.level1, 'weight'])];
      if (at.kind === 'indicator') return [joinPath([...indicatorSegments(before, d.data.sheet, at.indicatorId), 'weight'])];
      return [joinPath([...sheetPrefix(before, d.data.sheet), 'total', 'weight'])];
    }
    case 'SelfScoreEntered':
    case 'SelfScoreCorrected': {
      const at = d.data.at;
      if (at.kind === 'budget') return [joinPath([...budgetSegments(before, d.data.sheet, at.row), 'score'])];
      if (at.kind === 'indicator') return [joinPath([...indicatorSegments(before, d.data.sheet, at.indicatorId), 'score'])];
      return [joinPath([...sheetPrefix(before, d.data.sheet), 'total', 'score'])];
    }
    case 'FundsRecorded':
      return [joinPath(['overall', 'funds', d.data.category])];
    case 'GoalWritten':
      return [joinPath([...sheetPrefix(before, d.data.sheet), 'goals', String(d.data.goal), d.data.field])];
    case 'IndicatorTargetSet':
      return [joinPath([...indicatorSegments(before, d.data.sheet, d.data.indicatorId), 'target'])];
    case 'IndicatorActualRecorded':
      return [joinPath([...indicatorSegments(before, d.data.sheet, d.data.indicatorId), 'actual'])];
    case 'DeviationExplained':
      return [joinPath([...indicatorSegments(before, d.data.sheet, d.data.indicatorId), 'deviation'])];
    case 'CoverFieldSet':
      return [joinPath(['report', 'cover', d.data.field])];
    case 'ReportSectionWritten':
      return [joinPath(['report', 'sections', d.data.section, 'text'])];
    case 'ReportFigureQuoted':
      return [joinPath(['report', 'quoted', withOccurrence(d.data.label, d.data.occurrence)])];
    case 'GradeStated':
      return ['report.statedGrade'];
    default:
      return assertNever(d);
  }
}
