import type { SqlClient } from '@app/event-store';

/** The inline read models a rebuild can rewrite, by the name `perfledger rebuild <projection>` takes. */
export const PROJECTION_NAMES = ['counties', 'units', 'templates', 'rounds', 'filings', 'findings', 'users'] as const;
export type ProjectionName = (typeof PROJECTION_NAMES)[number];

export interface ProjectionSpec {
  name: ProjectionName;
  /** the table, in the live schema and in the shadow */
  table: string;
  /** the streams it is folded from */
  streamPrefix: string;
  /** its primary key: how the switch matches a shadow row with a live one */
  keys: readonly string[];
  /** further tables folded from the same streams (the filings' figure changes), rebuilt and switched with it */
  also?: readonly { table: string; keys: readonly string[] }[];
}

/** Every table of a projection: its own, then the ones it also writes. */
export function tablesOf(spec: ProjectionSpec): { name: string; table: string; keys: readonly string[] }[] {
  return [{ name: spec.name, table: spec.table, keys: spec.keys }, ...(spec.also ?? []).map((t) => ({ name: `${spec.name}.${t.table}`, ...t }))];
}

/**
 * In dependency order (a table's foreign keys point to earlier ones: counties ← units ← filing_views,
 * counties ← rounds → templates; filing views are scored with template versions): a rebuild folds and
 * inserts in this order and deletes in the reverse one.
 */
export const PROJECTIONS: readonly ProjectionSpec[] = [
  { name: 'counties', table: 'counties', streamPrefix: 'county-', keys: ['code'] },
  { name: 'units', table: 'units', streamPrefix: 'unit-', keys: ['county_code', 'code'] },
  { name: 'templates', table: 'templates', streamPrefix: 'template-', keys: ['template_id', 'version'] },
  { name: 'rounds', table: 'rounds', streamPrefix: 'round-', keys: ['county_code', 'year'] },
  {
    name: 'filings',
    table: 'filing_views',
    streamPrefix: 'filing-',
    keys: ['stream_id'],
    also: [{ table: 'figure_changes', keys: ['stream_id', 'version', 'cell_key'] }],
  },
  { name: 'findings', table: 'findings', streamPrefix: 'findings-', keys: ['finding_id'] },
  { name: 'users', table: 'users', streamPrefix: 'user-', keys: ['username'] },
];

export function isProjectionName(name: string): name is ProjectionName {
  return (PROJECTION_NAMES as readonly string[]).includes(name);
}

/** The specs of the named projections (all when none is named), in dependency order. */
export function projectionSpecs(names: readonly string[] = PROJECTION_NAMES): ProjectionSpec[] {
  const unknown = names.filter((n) => !isProjectionName(n));
  if (unknown.length > 0) throw new Error(`unknown projection ${unknown.join(', ')}; known: ${PROJECTION_NAMES.join(', ')}`);
  return PROJECTIONS.filter((p) => names.includes(p.name));
}

/** The projection a stream is folded into, by its id's prefix (`filing-` never matches `findings-`). */
export function projectionOfStream(streamId: string): ProjectionSpec | null {
  return PROJECTIONS.find((p) => streamId.startsWith(p.streamPrefix)) ?? null;
}

/** `stream_id LIKE ANY (…)` patterns of some projections' streams. */
export const streamPatterns = (specs: readonly ProjectionSpec[]) => specs.map((p) => `${p.streamPrefix}%`);

/**
 * The build order of a rebuild: projection by projection (dependency order), stream by stream ordered by
 * `stream_id` (byte order, `COLLATE "C"`, so a checkpoint compares the same way whatever the database's
 * collation). `after` is the checkpoint: the last stream completed; the streams up to it are skipped.
 */
export async function streamsToBuild(db: SqlClient, specs: readonly ProjectionSpec[], after: string | null): Promise<string[]> {
  const at = after === null ? -1 : specs.findIndex((p) => p === projectionOfStream(after));
  const ids: string[] = [];
  for (const [i, spec] of specs.entries()) {
    if (i < at) continue;
    const { rows } = await db.query(
      `SELECT s.stream_id FROM perfledger.streams s
        WHERE s.stream_id LIKE $1 AND ($2::text IS NULL OR s.stream_id COLLATE "C" > $2::text COLLATE "C")
        ORDER BY s.stream_id COLLATE "C"`,
      [`${spec.streamPrefix}%`, i === at ? after : null],
    );
    ids.push(...rows.map((r) => r.stream_id as string));
  }
  return ids;
}

/** How many streams the selected projections are folded from (the progress line's total). */
export async function countStreams(db: SqlClient, specs: readonly ProjectionSpec[]): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM perfledger.streams s WHERE s.stream_id LIKE ANY ($1::text[])`, [streamPatterns(specs)]);
  return rows[0].n;
}
