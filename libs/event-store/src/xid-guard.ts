import { XidHorizonError } from './event-store.errors';
import { SqlClient } from './event-store.types';

/**
 * Refuse to read the log by cursor when it holds transaction ids this cluster has not
 * reached yet. That happens after a logical dump/restore into another cluster: xids start
 * lower there, every new event would sort before the checkpoints, and projectors would
 * silently skip all of them. pg_snapshot_xmax is the next xid to be assigned (reading it
 * assigns none).
 */
export async function assertXidHorizon(db: SqlClient): Promise<void> {
  const { rows } = await db.query(
    `SELECT (SELECT e.tx_id::text FROM perfledger.events e ORDER BY e.tx_id DESC LIMIT 1) AS max_tx_id,
            pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())::text AS next_tx_id,
            (SELECT e.tx_id FROM perfledger.events e ORDER BY e.tx_id DESC LIMIT 1)
              >= pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot()) AS ahead`,
  );
  const row = rows[0];
  if (row?.ahead === true) throw new XidHorizonError(row.max_tx_id, row.next_tx_id);
}
