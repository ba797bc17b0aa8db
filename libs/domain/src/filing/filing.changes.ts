import { figurePathsOf } from './filing.declared-paths';
import type { CellValue, FilingEvent } from './filing.events';
import { figuresOf } from './filing.figures';
import { cellKeyed, displayedPath, displayNamesOf, markNames } from './filing.cell-keys';
import type { FilingState } from './filing.state';
import type { WorkflowState } from './filing.types';
import { applyInPlace } from './filing.state';

/**
 * One change of one cell by one event of a command: the cell's stable key (projects and indicators by id,
 * so a rename keeps the history together), the path it had then, the value before and after, and the
 * workflow state the filing was in when the change was made.
 */
export interface FigureChange {
  /** index of the event among the command's events (0-based) */
  index: number;
  key: string;
  pathThen: string;
  previous: CellValue;
  value: CellValue;
  status: WorkflowState;
}

/**
 * The cell changes a run of events makes to `before`, exact per event, computed with two figure maps per
 * run of events that touch distinct cells (a command usually is one run; a cell touched twice, or a project
 * link, starts a new run), so a 266-event import costs two `figuresOf`, not 532. `before` is not modified.
 */
export function figureChangesOf(before: FilingState, events: readonly FilingEvent[]): FigureChange[] {
  const real = structuredClone(before);
  const keyed = cellKeyed(before);
  const changes: FigureChange[] = [];
  let pending: Omit<FigureChange, 'value'>[] = [];
  let touched = new Set<string>();
  let valuesBefore = figuresOf(keyed);
  const flush = () => {
    if (pending.length === 0) return;
    const valuesAfter = figuresOf(keyed);
    for (const p of pending) changes.push({ ...p, previous: valuesBefore[p.key] ?? p.previous, value: valuesAfter[p.key] ?? null });
    valuesBefore = valuesAfter;
    pending = [];
    touched = new Set();
  };
  events.forEach((event, index) => {
    // a link merges one project's cells into another's key without declaring them (it sets no figure): a
    // pending change of the merged project must read its value before they move, or it would read null
    if (event.type === 'ProjectLinked') flush();
    const pathsThen = figurePathsOf(event, real);
    const keys = pathsThen.length > 0 ? figurePathsOf(event, keyed) : [];
    if (keys.some((k) => touched.has(k))) flush();
    keys.forEach((key, k) => {
      touched.add(key);
      pending.push({ index, key, pathThen: pathsThen[k], previous: null, status: real.status });
    });
    applyInPlace(real, event);
    applyInPlace(keyed, event);
    markNames(keyed);
  });
  flush();
  return changes;
}

/** Today's path of every cell of the filing → its stable key (what `figureChangesOf` records). */
export function cellKeysOf(state: FilingState): Record<string, string> {
  const keys: Record<string, string> = {};
  const names = displayNamesOf(state);
  for (const key of Object.keys(figuresOf(cellKeyed(state)))) keys[displayedPath(key, names, key)] = key;
  return keys;
}
