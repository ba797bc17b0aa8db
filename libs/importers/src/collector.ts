import { cellValue } from './text';
import type { NotUnderstood, ParseWarning } from './self-evaluation.types';

/**
 * What the table readers produce while reading: cells (whose path may name a project whose display name
 * is known only once every project is read and linked), things not understood, warnings.
 */

/** A path segment, or one computed at the end (a project's display name). */
export type Segment = string | (() => string | null);

/** A table of the document: `basic`, `overall`, `report`, or one 附件三 (its key known at the end). */
export interface TableRef {
  key: () => string | null;
}

export interface RawFigure {
  table: TableRef;
  segments: Segment[];
  printed: string;
  value: string | null;
  line: number;
}

/** A 附件三 table as read. */
export interface ProjectTable extends TableRef {
  name: string | null;
  /** display name (`#n` for a repeated name), set when the projects are linked */
  display: string | null;
  line: number;
  budget: { initial: string | null; full: string | null; executed: string | null };
  implementer: string | null;
}

/** A 附件一 project line as read. */
export interface ProjectLine {
  lineName: string;
  display: string | null;
  line: number;
  budget: string | null;
  actual: string | null;
}

export class Collector {
  readonly figures: RawFigure[] = [];
  readonly notUnderstood: NotUnderstood[] = [];
  readonly warnings: ParseWarning[] = [];

  /** A cell of a row that exists; `printed` null or empty is an empty cell (value null). */
  cell(table: TableRef, segments: Segment[], printed: string | null | undefined, line: number): RawFigure {
    const text = (printed ?? '').trim();
    const figure: RawFigure = { table, segments, printed: text, value: cellValue(text), line };
    this.figures.push(figure);
    return figure;
  }

  miss(line: number, text: string, why: string): void {
    this.notUnderstood.push({ line, text: text.length > 300 ? `${text.slice(0, 300)}…` : text, why });
  }

  warn(line: number | null, message: string): void {
    this.warnings.push({ line, message });
  }
}

export const BASIC: TableRef = { key: () => 'basic' };
export const OVERALL: TableRef = { key: () => 'overall' };
export const REPORT: TableRef = { key: () => 'report' };
