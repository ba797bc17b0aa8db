import { escapeSegment } from '../figure-path';
import { indicatorDisplayNames, projectDisplayNames } from './filing.paths';
import type { FilingState } from './filing.state';

/**
 * Stable cell keys: a cell's path in a copy of the state whose projects and indicators are named by their
 * ids, so a renamed project or indicator keeps its cells' history; and back to today's names.
 */
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

/** Today's display names of the state's projects (in tables and in 附件一's expense lines) and indicators, by id. */
export interface DisplayNames {
  tables: Map<string, string>;
  lines: Map<string, string>;
  indicators: Map<string, string>;
}

export function displayNamesOf(state: FilingState): DisplayNames {
  const { tables, lines } = projectDisplayNames(state);
  const indicators = new Map<string, string>();
  for (const sheet of [state.overall, ...state.projects.map((p) => p.sheet)]) for (const [id, name] of indicatorDisplayNames(sheet.indicators)) indicators.set(id, name);
  return { tables, lines, indicators };
}

/**
 * A stable cell key shown under today's names (a cell of a removed project or row keeps its last name).
 * `names` is `displayNamesOf(state)`: compute it once for many keys (it walks every project and indicator).
 */
export function displayedPath(key: string, names: DisplayNames, lastSeen: string): string {
  let missing = false;
  const inLine = key.startsWith('basic.expense.');
  const path = key.replace(MARK, (_m, kind: string, id: string) => {
    const name = kind === 'p' ? (inLine ? names.lines.get(id) : names.tables.get(id)) : names.indicators.get(id);
    if (name === undefined) missing = true;
    return escapeSegment(name ?? '');
  });
  return missing ? lastSeen : path;
}
