import { figureChangesOf } from './filing.changes';
import { displayedPath, displayNamesOf } from './filing.cell-keys';
import type { CellValue, FilingEvent } from './filing.events';
import { fold, initialFilingState } from './filing.state';
export { cellKeyed, displayedPath, displayNamesOf, markNames } from './filing.cell-keys';

/** One change of one cell: which event (by its index in the stream, 0-based), the value before and after. */
export interface CellChange {
  index: number;
  type: FilingEvent['type'];
  /** the path as it was named when the event was recorded */
  pathThen: string;
  previous: CellValue;
  value: CellValue;
}

/**
 * Every change of every cell, grouped by the cell's path under today's names: a renamed project's or
 * indicator's history stays with it (PRODUCT.md: "A renamed project keeps its history"). Oldest first.
 * Computed with `figureChangesOf` (two figure maps per run of events touching distinct cells).
 */
export function figureHistory(events: FilingEvent[]): Map<string, CellChange[]> {
  const state = fold(events);
  const byKey = new Map<string, CellChange[]>();
  const lastSeen = new Map<string, string>();
  for (const c of figureChangesOf(initialFilingState(), events)) {
    const list = byKey.get(c.key) ?? [];
    list.push({ index: c.index, type: events[c.index].type, pathThen: c.pathThen, previous: c.previous, value: c.value });
    byKey.set(c.key, list);
    lastSeen.set(c.key, c.pathThen);
  }
  const history = new Map<string, CellChange[]>();
  const names = displayNamesOf(state);
  for (const [key, changes] of byKey) {
    const path = displayedPath(key, names, lastSeen.get(key) as string);
    history.set(path, [...(history.get(path) ?? []), ...changes].sort((a, b) => a.index - b.index));
  }
  return history;
}
