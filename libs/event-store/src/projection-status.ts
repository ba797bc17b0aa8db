import { SqlClient } from './event-store.types';

export interface ProjectionStatus {
  name: string;
  cursor: { txId: string; position: string };
  owner: string | null;
  leaseValid: boolean;
  /** Events committed after the checkpoint (capped at `lagCap`; `lagCapped` says so). */
  lagEvents: number;
  lagCapped: boolean;
  updatedAt: string;
  halted: { at: string; reason: string } | null;
}

export interface LogHorizon {
  /** Highest global position written (burned positions included); '0' on an empty log. */
  headPosition: string;
  /** Oldest transaction still running anywhere in the cluster: projectors read only below it. */
  xmin: string;
  /** Next transaction id to be assigned. */
  nextTxId: string;
  /** The oldest open transaction that holds an xid, when this role may see it. */
  oldestRunning: { pid: number; txId: string; ageSeconds: number; database: string | null } | null;
}

export async function projectionStatuses(db: SqlClient, lagCap = 100_000): Promise<ProjectionStatus[]> {
  const { rows } = await db.query(
    `SELECT c.name, c.tx_id::text AS tx_id, c.global_position::text AS position, c.owner,
            coalesce(c.lease_until > pg_catalog.clock_timestamp(), false) AS lease_valid,
            c.updated_at, c.halted_at, c.halt_reason,
            (SELECT count(*)::int FROM (
               SELECT 1 FROM perfledger.events e
                WHERE (e.tx_id, e.global_position) > (c.tx_id, c.global_position)
                LIMIT $1) pending) AS lag
       FROM perfledger.checkpoints c
      ORDER BY c.name`,
    [lagCap],
  );
  return rows.map((r) => ({
    name: r.name,
    cursor: { txId: r.tx_id, position: r.position },
    owner: r.owner,
    leaseValid: r.lease_valid,
    lagEvents: r.lag,
    lagCapped: r.lag >= lagCap,
    updatedAt: new Date(r.updated_at).toISOString(),
    halted: r.halted_at ? { at: new Date(r.halted_at).toISOString(), reason: r.halt_reason } : null,
  }));
}

export async function logHorizon(db: SqlClient): Promise<LogHorizon> {
  const { rows } = await db.query(
    `SELECT coalesce((SELECT e.global_position FROM perfledger.events e ORDER BY e.global_position DESC LIMIT 1), 0)::text AS head,
            pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot())::text AS xmin,
            pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())::text AS next_tx_id`,
  );
  const oldest = await db.query(
    `SELECT a.pid, a.backend_xid::text AS xid, a.datname,
            extract(epoch FROM (pg_catalog.clock_timestamp() - a.xact_start))::float8 AS age
       FROM pg_catalog.pg_stat_activity a
      WHERE a.backend_xid IS NOT NULL AND a.xact_start IS NOT NULL
      ORDER BY a.xact_start
      LIMIT 1`,
  );
  const o = oldest.rows[0];
  return {
    headPosition: rows[0].head,
    xmin: rows[0].xmin,
    nextTxId: rows[0].next_tx_id,
    oldestRunning: o ? { pid: o.pid, txId: o.xid, ageSeconds: Math.round(o.age * 10) / 10, database: o.datname } : null,
  };
}
