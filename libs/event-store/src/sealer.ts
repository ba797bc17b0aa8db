import { GENESIS_HASH, sealRoot } from './event-hash';
import { Cursor, SqlClient } from './event-store.types';

export interface Seal {
  sealNo: string;
  from: Cursor;
  to: Cursor;
  eventCount: number;
  prevRoot: string;
  root: string;
  sealedAt: string;
}

export interface SealerOptions {
  /** Seal as soon as this many final events are unsealed. */
  everyEvents: number;
  /** …or when the oldest unsealed final event is older than this. */
  everySeconds: number;
}

/**
 * Folds event hashes, in cursor order and only below the oldest running transaction (so a
 * seal's range can never gain an event later), into seal_n = sha256(seal_{n-1} ‖ hashes…).
 * The seal number is the compare-and-set: two sealers racing write one seal, the loser re-reads.
 */
export class Sealer {
  constructor(
    private readonly db: SqlClient,
    private readonly options: SealerOptions,
  ) {}

  async lastSeal(): Promise<Seal | null> {
    const { rows } = await this.db.query(
      `SELECT ${SEAL_COLUMNS} FROM perfledger.seals s ORDER BY s.seal_no DESC LIMIT 1`,
    );
    return rows[0] ? toSeal(rows[0]) : null;
  }

  /** Write every seal that is due; with `force`, also seal a partial tail. Returns the new seals. */
  async sealDue(force = false): Promise<Seal[]> {
    const written: Seal[] = [];
    for (let attempt = 0; attempt < 1000; attempt++) {
      const last = await this.lastSeal();
      const from: Cursor = last ? last.to : { txId: '0', position: '0' };
      const { rows } = await this.db.query(
        `SELECT e.tx_id::text AS tx_id, e.global_position::text AS position, e.hash,
                e.recorded_at < pg_catalog.clock_timestamp() - $4 * interval '1 second' AS old
           FROM perfledger.events e
          WHERE (e.tx_id, e.global_position) > ($1::xid8, $2::bigint)
            AND e.tx_id < (SELECT pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()))
          ORDER BY e.tx_id, e.global_position
          LIMIT $3`,
        [from.txId, from.position, this.options.everyEvents, this.options.everySeconds],
      );
      if (rows.length === 0) break;
      const full = rows.length === this.options.everyEvents;
      if (!full && !force && !rows[0].old) break;
      const prevRoot = last ? Buffer.from(last.root, 'hex') : GENESIS_HASH;
      const root = sealRoot(prevRoot, rows.map((r) => r.hash as Buffer));
      const to = rows[rows.length - 1];
      const inserted = await this.db.query(
        `INSERT INTO perfledger.seals AS s (seal_no, from_tx_id, from_position, to_tx_id, to_position, event_count, prev_root, root)
         VALUES ($1, $2::xid8, $3, $4::xid8, $5, $6, $7, $8)
         ON CONFLICT (seal_no) DO NOTHING
         RETURNING ${SEAL_COLUMNS}`,
        [String(BigInt(last?.sealNo ?? '0') + 1n), from.txId, from.position, to.tx_id, to.position, rows.length, prevRoot, root],
      );
      if (inserted.rows[0]) written.push(toSeal(inserted.rows[0]));
      if (!full && inserted.rows[0]) break;
    }
    return written;
  }
}

export const SEAL_COLUMNS = `s.seal_no::text AS seal_no, s.from_tx_id::text AS from_tx_id, s.from_position::text AS from_position,
  s.to_tx_id::text AS to_tx_id, s.to_position::text AS to_position, s.event_count,
  encode(s.prev_root, 'hex') AS prev_root, encode(s.root, 'hex') AS root, s.sealed_at`;

export function toSeal(r: Record<string, any>): Seal {
  return {
    sealNo: r.seal_no,
    from: { txId: r.from_tx_id, position: r.from_position },
    to: { txId: r.to_tx_id, position: r.to_position },
    eventCount: r.event_count,
    prevRoot: r.prev_root,
    root: r.root,
    sealedAt: new Date(r.sealed_at).toISOString(),
  };
}
