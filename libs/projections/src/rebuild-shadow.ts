import type { SqlClient } from '@app/event-store';
import { LIVE_SCHEMA, SHADOW_SCHEMA, tableIn } from './read-model-tables';
import type { FoldedStream } from './rebuild-fold';
import type { ProjectionSpec } from './rebuild-plan';
import { PROJECTIONS, streamPatterns, tablesOf } from './rebuild-plan';

/** Per stream, the version the shadow was built from (compared with `perfledger.streams` to find what moved). */
const BUILT = 'built_streams';

/** Creates the shadow tables of `specs` (`LIKE perfledger.<t> INCLUDING ALL`: columns, defaults, checks, keys, indexes — not foreign keys). */
export async function createShadow(db: SqlClient, specs: readonly ProjectionSpec[], schema: string = SHADOW_SCHEMA): Promise<void> {
  for (const { table } of specs.flatMap(tablesOf)) {
    await db.query(`CREATE TABLE ${tableIn(schema, table)} (LIKE ${tableIn(LIVE_SCHEMA, table)} INCLUDING ALL)`);
  }
  await db.query(`CREATE TABLE ${tableIn(schema, BUILT)} (stream_id text PRIMARY KEY, version integer NOT NULL)`);
}

/** Drops every shadow table there may be (a finished, cancelled or abandoned run's). */
export async function dropShadow(db: SqlClient, schema: string = SHADOW_SCHEMA): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${[...PROJECTIONS.flatMap(tablesOf).map((t) => t.table), BUILT].map((t) => tableIn(schema, t)).join(', ')}`);
}

/** Whether the shadow of `specs` is all there (a resumed run needs it). */
export async function shadowReady(db: SqlClient, specs: readonly ProjectionSpec[], schema: string = SHADOW_SCHEMA): Promise<boolean> {
  const names = [...specs.flatMap(tablesOf).map((t) => t.table), BUILT].map((t) => tableIn(schema, t));
  const { rows } = await db.query(`SELECT bool_and(to_regclass(n) IS NOT NULL) AS ready FROM unnest($1::text[]) AS n`, [names]);
  return rows[0].ready === true;
}

export async function recordBuilt(db: SqlClient, folded: readonly FoldedStream[], schema: string = SHADOW_SCHEMA): Promise<void> {
  await db.query(
    `INSERT INTO ${tableIn(schema, BUILT)} AS b (stream_id, version) SELECT * FROM unnest($1::text[], $2::int[])
     ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version`,
    [folded.map((f) => f.streamId), folded.map((f) => f.version)],
  );
}

export async function countBuilt(db: SqlClient, schema: string = SHADOW_SCHEMA): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${tableIn(schema, BUILT)}`);
  return rows[0].n;
}

/**
 * The streams of `specs` whose version in `perfledger.streams` differs from the one built (or that were not
 * built at all: created after the build passed their place), in build order (dependency order, then id).
 */
export async function staleStreams(db: SqlClient, specs: readonly ProjectionSpec[], schema: string = SHADOW_SCHEMA): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT s.stream_id FROM perfledger.streams s LEFT JOIN ${tableIn(schema, BUILT)} b ON b.stream_id = s.stream_id
      WHERE s.stream_id LIKE ANY ($1::text[]) AND s.version <> coalesce(b.version, -1)
      ORDER BY array_position($2::text[], split_part(s.stream_id, '-', 1)), s.stream_id COLLATE "C"`,
    [streamPatterns(specs), specs.map((p) => p.streamPrefix.slice(0, -1))],
  );
  return rows.map((r) => r.stream_id as string);
}

/** Rows per shadow table: what the rebuild produced. */
export async function shadowCounts(db: SqlClient, specs: readonly ProjectionSpec[], schema: string = SHADOW_SCHEMA): Promise<Partial<Record<string, number>>> {
  const counts: Partial<Record<string, number>> = {};
  for (const t of specs.flatMap(tablesOf)) counts[t.name] = (await db.query(`SELECT count(*)::int AS n FROM ${tableIn(schema, t.table)}`)).rows[0].n;
  return counts;
}

export interface SwapCounts {
  inserted: number;
  updated: number;
  deleted: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Replaces the live contents of `specs`' tables with the shadow's, inside the caller's transaction (which
 * holds the live tables locked). The live tables are kept — only rows change: rows the shadow lacks are
 * deleted (children first), rows that differ are updated and missing ones inserted (parents first), so
 * every foreign key holds at each statement, including those of live tables outside the rebuild (a unit's
 * filing views when `units` is rebuilt alone, the county summaries of a county). `updated_at` alone does not
 * make a row differ.
 */
export async function swapIntoLive(db: SqlClient, specs: readonly ProjectionSpec[], schema: string = SHADOW_SCHEMA): Promise<Record<string, SwapCounts>> {
  const counts: Record<string, SwapCounts> = {};
  const tables = specs.flatMap(tablesOf);
  type Table = (typeof tables)[number];
  const columns = new Map<Table, string[]>();
  for (const spec of tables) {
    const { rows } = await db.query(
      `SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [tableIn(LIVE_SCHEMA, spec.table)],
    );
    columns.set(spec, rows.map((r) => r.attname as string));
    counts[spec.name] = { inserted: 0, updated: 0, deleted: 0 };
  }
  const sameKey = (spec: Table) => spec.keys.map((k) => `s.${quote(k)} = l.${quote(k)}`).join(' AND ');
  for (const spec of [...tables].reverse()) {
    const deleted = await db.query(
      `DELETE FROM ${tableIn(LIVE_SCHEMA, spec.table)} l WHERE NOT EXISTS (SELECT 1 FROM ${tableIn(schema, spec.table)} s WHERE ${sameKey(spec)})`,
    );
    counts[spec.name].deleted = deleted.rowCount ?? 0;
  }
  for (const spec of tables) {
    const all = columns.get(spec)!;
    const values = all.filter((c) => !spec.keys.includes(c));
    const compared = values.filter((c) => c !== 'updated_at');
    const updated = await db.query(
      `UPDATE ${tableIn(LIVE_SCHEMA, spec.table)} l SET ${values.map((c) => `${quote(c)} = s.${quote(c)}`).join(', ')}
         FROM ${tableIn(schema, spec.table)} s
        WHERE ${sameKey(spec)}
          AND (${compared.map((c) => `l.${quote(c)}::text`).join(', ')}) IS DISTINCT FROM (${compared.map((c) => `s.${quote(c)}::text`).join(', ')})`,
    );
    const inserted = await db.query(
      `INSERT INTO ${tableIn(LIVE_SCHEMA, spec.table)} (${all.map(quote).join(', ')})
       SELECT ${all.map((c) => `s.${quote(c)}`).join(', ')} FROM ${tableIn(schema, spec.table)} s
        WHERE NOT EXISTS (SELECT 1 FROM ${tableIn(LIVE_SCHEMA, spec.table)} l WHERE ${sameKey(spec)})`,
    );
    counts[spec.name].updated = updated.rowCount ?? 0;
    counts[spec.name].inserted = inserted.rowCount ?? 0;
  }
  return counts;
}
