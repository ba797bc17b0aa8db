import type { ReturnComment } from './filing.events';

export interface FigureInput {
  path: string;
  value: string | null;
}

/**
 * The filing's commands: one closed union. `decide` handles each one (filing.decide.ts); a command that
 * is not handled fails to compile.
 */
export type FilingCommand =
  | { type: 'OpenFiling'; countyCode: string; unitCode: string; year: number }
  /**
   * A person edits one cell: a 全年预算数 becomes a budget adjustment (追加/调减), a self score that was
   * entered before becomes a correction, an indicator or goal row named for the first time is defined.
   */
  | { type: 'SetFigure'; path: string; value: string | null; adjustment?: { date?: string | null; documentNumber?: string | null }; reason?: string | null }
  /** Figures as a document prints them (the importer): a 全年预算数 is stated, not adjusted. `table` limits every path to one table. */
  | { type: 'RecordFigures'; figures: FigureInput[]; table?: string }
  | {
      type: 'AdjustBudget';
      /** a `…budget.full` or `project:<name>.funds.<row>.full` path */
      path: string;
      direction: 'increase' | 'decrease';
      amount: string;
      date?: string | null;
      documentNumber?: string | null;
      reason?: string | null;
      /**
       * The document states this adjustment and a 全年预算数 that already includes it (the importer): the
       * stated 全年预算数 stays, and an identical adjustment already recorded on the row is not repeated.
       */
      stated?: boolean;
    }
  | { type: 'AddProject'; projectId: string; name: string | null; lineName: string | null }
  | { type: 'RenameProject'; part: 'table' | 'line'; from: string; to: string }
  | { type: 'LinkProject'; name: string; lineName: string; basis: 'name' | 'figures' | 'command' }
  | { type: 'RemoveProject'; name: string }
  | { type: 'RemoveIndicator'; path: string }
  /** score the filing under this template version (its round's when opened; another on request): not an edit of figures */
  | { type: 'AssignTemplate'; templateId: string; templateVersion: number; basis: 'round' | 'rescore' }
  | { type: 'SubmitFiling' }
  | { type: 'ReturnFiling'; comments: ReturnComment[] }
  | { type: 'AcceptFiling' }
  | { type: 'PublishFiling' };

export type FilingCommandType = FilingCommand['type'];
