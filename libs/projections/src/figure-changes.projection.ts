import type { FigureChange } from '@app/domain';
import type { SqlClient } from '@app/event-store';
import { LIVE_SCHEMA, tableIn } from './read-model-tables';

/**
 * The blame index (`figure_changes`): the cell changes of the events a command appended after version
 * `versionBefore`, written in the append's transaction. An event's `index` among them gives its version.
 */
export async function writeFigureChanges(db: SqlClient, streamId: string, versionBefore: number, changes: readonly FigureChange[], schema: string = LIVE_SCHEMA): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `INSERT INTO ${tableIn(schema, 'figure_changes')} (stream_id, version, cell_key, path_then, previous, value, status)
     SELECT $1, v, k, p, b, a, s FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS c(v, k, p, b, a, s)
     ON CONFLICT (stream_id, version, cell_key) DO NOTHING`,
    [
      streamId,
      changes.map((c) => versionBefore + c.index + 1),
      changes.map((c) => c.key),
      changes.map((c) => c.pathThen),
      changes.map((c) => c.previous),
      changes.map((c) => c.value),
      changes.map((c) => c.status),
    ],
  );
}

/** Replaces a stream's rows (a rebuild folds the whole stream again). */
export async function replaceFigureChanges(db: SqlClient, streamId: string, changes: readonly FigureChange[], schema: string): Promise<void> {
  await db.query(`DELETE FROM ${tableIn(schema, 'figure_changes')} WHERE stream_id = $1`, [streamId]);
  await writeFigureChanges(db, streamId, 0, changes, schema);
}

export interface FigureChangeRow {
  version: number;
  position: string;
  recordedAt: string;
  eventType: string;
  pathThen: string;
  previous: string | null;
  value: string | null;
  status: string;
  metadata: { actor: { userId: string; role: string; unitCode?: string }; reason?: string | null; source: string };
}

/**
 * The changes of one cell, oldest first, with the event's who, when, why and how. The cell is named by its
 * path today (`filing_views.cell_keys`), or — for a cell that no longer exists — by the last path it had.
 */
export async function cellChanges(db: SqlClient, streamId: string, path: string): Promise<FigureChangeRow[] | null> {
  const { rows: keys } = await db.query(
    `SELECT coalesce(
        (SELECT v.cell_keys ->> $2 FROM perfledger.filing_views v WHERE v.stream_id = $1),
        (SELECT c.cell_key FROM perfledger.figure_changes c WHERE c.stream_id = $1 AND c.path_then = $2 ORDER BY c.version DESC LIMIT 1)
      ) AS key`,
    [streamId, path],
  );
  const key = keys[0]?.key as string | null;
  if (!key) return null;
  const { rows } = await db.query(
    `SELECT c.version, e.global_position::text AS position,
            to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at,
            e.type, c.path_then, c.previous, c.value, c.status, e.metadata
       FROM perfledger.figure_changes c
       JOIN perfledger.events e ON e.stream_id = c.stream_id AND e.version = c.version
      WHERE c.stream_id = $1 AND c.cell_key = $2
      ORDER BY c.version`,
    [streamId, key],
  );
  return rows.map((r) => ({
    version: r.version,
    position: r.position,
    recordedAt: r.recorded_at,
    eventType: r.type,
    pathThen: r.path_then,
    previous: r.previous,
    value: r.value,
    status: r.status,
    metadata: r.metadata,
  }));
}
