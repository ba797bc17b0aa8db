import { escapeSegment } from '../figure-path';
import { figurePathsOf } from './filing.declared-paths';
import type { CellValue, FilingEvent } from './filing.events';
import { figuresOf } from './filing.figures';
import { indicatorDisplayNames, projectDisplayNames } from './filing.paths';
import type { FilingState } from './filing.state';
import { evolve, initialFilingState } from './filing.state';

/** One change of one cell: which event (by its index in the stream, 0-based), the value before and after. */
export interface CellChange {
  index: number;
  type: FilingEvent['type'];
  /** the path as it was named when the event was recorded */
  pathThen: string;
  previous: CellValue;
  value: CellValue;
}

const PROJECT_MARK = (id: string) => `⟦p:${id}⟧`;
const INDICATOR_MARK = (id: string) => `⟦i:${id}⟧`;
const MARK = /⟦([pi]):([^⟧]+)⟧/gu;

/** Names every project and indicator of `state` by its id, in place: paths in it are stable cell keys. */
export function markNames(state: FilingState): void {
  for (const p of state.projects) {
    if (p.name !== null) p.name = PROJECT_MARK(p.projectId);
    if (p.lineName !== null) p.lineName = PROJECT_MARK(p.projectId);
    for (const i of p.sheet.indicators) i.name = INDICATOR_MARK(i.indicatorId);
  }
  for (const i of state.overall.indicators) i.name = INDICATOR_MARK(i.indicatorId);
}

/** A copy of the state with every project and indicator named by its id: paths in it are stable cell keys. */
export function cellKeyed(state: FilingState): FilingState {
  const copy = structuredClone(state);
  markNames(copy);
  return copy;
}
const keyed = cellKeyed;

/** A stable cell key shown under today's names (a cell of a removed project or row keeps its last name). */
export function displayedPath(key: string, state: FilingState, lastSeen: string): string {
  const { tables, lines } = projectDisplayNames(state);
  const indicatorNames = new Map<string, string>();
  for (const sheet of [state.overall, ...state.projects.map((p) => p.sheet)]) for (const [id, name] of indicatorDisplayNames(sheet.indicators)) indicatorNames.set(id, name);
  let missing = false;
  const path = key.replace(MARK, (_m, kind: string, id: string) => {
    const inLine = key.startsWith('basic.expense.');
    const name = kind === 'p' ? (inLine ? lines.get(id) : tables.get(id)) : indicatorNames.get(id);
    if (name === undefined) missing = true;
    return escapeSegment(name ?? '');
  });
  return missing ? lastSeen : path;
}

/**
 * Every change of every cell, grouped by the cell's path under today's names: a renamed project's or
 * indicator's history stays with it (PRODUCT.md: "A renamed project keeps its history"). Oldest first.
 */
export function figureHistory(events: FilingEvent[]): Map<string, CellChange[]> {
  const byKey = new Map<string, CellChange[]>();
  const lastSeen = new Map<string, string>();
  let state = initialFilingState();
  events.forEach((event, index) => {
    const pathsThen = figurePathsOf(event, state);
    if (pathsThen.length > 0) {
      const keys = figurePathsOf(event, keyed(state));
      const after = evolve(state, event);
      const before = figuresOf(state);
      const now = figuresOf(after);
      keys.forEach((key, k) => {
        const pathThen = pathsThen[k];
        const list = byKey.get(key) ?? [];
        list.push({ index, type: event.type, pathThen, previous: before[pathThen] ?? null, value: now[pathThen] ?? null });
        byKey.set(key, list);
        lastSeen.set(key, pathThen);
      });
      state = after;
    } else {
      state = evolve(state, event);
    }
  });
  const history = new Map<string, CellChange[]>();
  for (const [key, changes] of byKey) {
    const path = displayedPath(key, state, lastSeen.get(key) as string);
    history.set(path, [...(history.get(path) ?? []), ...changes].sort((a, b) => a.index - b.index));
  }
  return history;
}
