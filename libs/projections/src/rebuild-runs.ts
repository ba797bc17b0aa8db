import type { SqlClient } from '@app/event-store';
import type { ProjectionName } from './rebuild-plan';

/** How long a rebuilding process owns its run without renewing (it renews with every stream it completes). */
const LEASE = `interval '60 seconds'`;

export type RebuildStatus = 'running' | 'cancelled' | 'switched' | 'failed';

/** One rebuild run (`perfledger.rebuild_runs`); `running` = unfinished, resumable from `lastStreamId`. */
export interface RebuildRun {
  id: number;
  projections: ProjectionName[];
  status: RebuildStatus;
  startedAt: string;
  lastStreamId: string | null;
  finishedAt: string | null;
  owner: string | null;
  /** a live process is building it now */
  leased: boolean;
}

const COLUMNS = `id, projections, status, last_stream_id, owner, lease_until > now() AS leased,
  to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started_at,
  to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS finished_at`;

const toRun = (r: Record<string, any>): RebuildRun => ({
  id: r.id,
  projections: r.projections,
  status: r.status,
  startedAt: r.started_at,
  lastStreamId: r.last_stream_id,
  finishedAt: r.finished_at,
  owner: r.owner,
  leased: r.leased === true,
});

/** The unfinished run, if any (at most one: a partial unique index). */
export async function unfinishedRun(db: SqlClient): Promise<RebuildRun | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM perfledger.rebuild_runs WHERE status = 'running'`);
  return rows[0] ? toRun(rows[0]) : null;
}

export async function findRun(db: SqlClient, id: number): Promise<RebuildRun | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM perfledger.rebuild_runs WHERE id = $1`, [id]);
  return rows[0] ? toRun(rows[0]) : null;
}

/** Records a new run, owned by `owner`; null when another unfinished run exists (started meanwhile: the transaction is then aborted). */
export async function startRun(db: SqlClient, projections: readonly ProjectionName[], owner: string): Promise<RebuildRun | null> {
  try {
    const { rows } = await db.query(
      `INSERT INTO perfledger.rebuild_runs (projections, status, owner, lease_until) VALUES ($1, 'running', $2, now() + ${LEASE}) RETURNING ${COLUMNS}`,
      [projections, owner],
    );
    return toRun(rows[0]);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return null;
    throw error;
  }
}

/** Marks the run cancelled unless a live process holds it; false when one does. */
export async function cancelUnleased(db: SqlClient, id: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE perfledger.rebuild_runs SET status = 'cancelled', finished_at = now(), lease_until = NULL
      WHERE id = $1 AND status = 'running' AND (lease_until IS NULL OR lease_until <= now())`,
    [id],
  );
  return rowCount === 1;
}

/** Takes over an unfinished run whose lease has lapsed (its process stopped); false when a live process holds it. */
export async function claimRun(db: SqlClient, id: number, owner: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE perfledger.rebuild_runs SET owner = $2, lease_until = now() + ${LEASE}
      WHERE id = $1 AND status = 'running' AND (lease_until IS NULL OR lease_until <= now() OR owner = $2)`,
    [id, owner],
  );
  return rowCount === 1;
}

/**
 * Moves the checkpoint (the last stream completed; null keeps it) and renews the lease, in the transaction
 * that wrote the stream's shadow rows. False when the run is no longer ours (cancelled, taken over).
 */
export async function checkpointRun(db: SqlClient, id: number, owner: string, lastStreamId: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE perfledger.rebuild_runs SET last_stream_id = coalesce($3, last_stream_id), lease_until = now() + ${LEASE}
      WHERE id = $1 AND owner = $2 AND status = 'running'`,
    [id, owner, lastStreamId],
  );
  return rowCount === 1;
}

/** Lets go of the run, leaving it resumable at once by another process. */
export async function releaseRun(db: SqlClient, id: number, owner: string): Promise<void> {
  await db.query(`UPDATE perfledger.rebuild_runs SET lease_until = NULL WHERE id = $1 AND owner = $2 AND status = 'running'`, [id, owner]);
}

export async function finishRun(db: SqlClient, id: number, status: Exclude<RebuildStatus, 'running'>): Promise<void> {
  await db.query(`UPDATE perfledger.rebuild_runs SET status = $2, finished_at = now(), lease_until = NULL WHERE id = $1 AND status = 'running'`, [id, status]);
}
