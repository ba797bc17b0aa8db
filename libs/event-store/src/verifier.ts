import { eventHash, GENESIS_HASH, sealRoot } from './event-hash';
import { SqlClient } from './event-store.types';
import { SEAL_COLUMNS, toSeal } from './sealer';

export interface BrokenEvent {
  streamId: string | null;
  version: number | null;
  /** Global position (decimal string), or null when the problem has no single event. */
  position: string | null;
  what: string;
}

export interface VerifyReport {
  ok: boolean;
  streams: number;
  events: number;
  seals: number;
  /** Events after the last seal: the part of the log no published root protects yet. */
  unsealedTail: number;
  firstBroken: BrokenEvent | null;
  /** Every problem found (at most 100), in the order found. */
  problems: BrokenEvent[];
}

const MAX_PROBLEMS = 100;

/**
 * Recomputes every stream's hash chain from the canonical form of each event, checks each
 * stream's head, and recomputes every seal from the event hashes in cursor order.
 */
export class Verifier {
  constructor(
    private readonly db: SqlClient,
    private readonly batchSize = 5_000,
  ) {}

  async verify(): Promise<VerifyReport> {
    const problems: BrokenEvent[] = [];
    let firstBroken: BrokenEvent | null = null;
    const report = (p: BrokenEvent) => {
      // The earliest problem is chosen from all of them, not from the capped list.
      firstBroken = pickFirst(firstBroken ? [firstBroken, p] : [p]);
      if (problems.length < MAX_PROBLEMS) problems.push(p);
    };
    const { events, streams } = await this.verifyChains(report);
    await this.verifyHeads(report);
    const { seals, unsealedTail } = await this.verifySeals(report);
    return { ok: problems.length === 0, streams, events, seals, unsealedTail, firstBroken, problems };
  }

  private async verifyChains(report: (p: BrokenEvent) => void): Promise<{ events: number; streams: number }> {
    let events = 0;
    let streams = 0;
    let currentStream: string | null = null;
    let expectedVersion = 1;
    let prev: Buffer = GENESIS_HASH;
    let after: [string, number] = ['', 0];
    for (;;) {
      const { rows } = await this.db.query(
        `SELECT e.global_position::text AS position, e.stream_id, e.version::int AS version, e.event_id::text AS event_id,
                e.type, e.schema_version, e.data, e.metadata, e.recorded_at, e.prev_hash, e.hash
           FROM perfledger.events e
          WHERE (e.stream_id, e.version) > ($1, $2)
          ORDER BY e.stream_id, e.version
          LIMIT $3`,
        [after[0], after[1], this.batchSize],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        events += 1;
        if (r.stream_id !== currentStream) {
          currentStream = r.stream_id;
          streams += 1;
          expectedVersion = 1;
          prev = GENESIS_HASH;
        }
        const at = { streamId: r.stream_id as string, version: r.version as number, position: r.position as string };
        if (r.version !== expectedVersion) {
          report({ ...at, what: `version ${r.version} follows version ${expectedVersion - 1}: version ${expectedVersion} is missing (deleted?) or versions were renumbered` });
        }
        if (!prev.equals(r.prev_hash)) {
          report({ ...at, what: `prev_hash does not match the hash of the event before it (an event was removed, inserted or reordered)` });
        }
        const recomputed = eventHash(prev, {
          streamId: r.stream_id,
          version: r.version,
          eventId: r.event_id,
          type: r.type,
          schemaVersion: r.schema_version,
          data: r.data,
          metadata: r.metadata,
          recordedAt: new Date(r.recorded_at).toISOString(),
        });
        if (!recomputed.equals(r.hash)) {
          report({ ...at, what: `content does not match its hash (data, metadata, type or time was altered)` });
        }
        // Follow the stored chain: each link and each hash is checked on its own, so one altered
        // event is reported once, not again for every event after it.
        prev = r.hash;
        expectedVersion = r.version + 1;
      }
      const last = rows[rows.length - 1];
      after = [last.stream_id, last.version];
    }
    return { events, streams };
  }

  /** Each stream row's version and last hash must be its last event's. */
  private async verifyHeads(report: (p: BrokenEvent) => void): Promise<void> {
    const { rows } = await this.db.query(
      `SELECT coalesce(s.stream_id, agg.stream_id) AS stream_id, s.version::text AS stream_version,
              agg.max_version::int AS max_version, l.global_position::text AS position,
              s.last_hash IS NOT DISTINCT FROM l.hash AS hash_ok
         FROM perfledger.streams s
         FULL JOIN (SELECT e.stream_id, max(e.version) AS max_version
                      FROM perfledger.events e GROUP BY e.stream_id) agg ON agg.stream_id = s.stream_id
         LEFT JOIN perfledger.events l ON l.stream_id = agg.stream_id AND l.version = agg.max_version
        WHERE s.stream_id IS NULL OR agg.stream_id IS NULL
           OR s.version <> agg.max_version OR s.last_hash IS DISTINCT FROM l.hash
        ORDER BY 1
        LIMIT ${MAX_PROBLEMS}`,
    );
    for (const r of rows) {
      if (r.stream_version === null) {
        report({ streamId: r.stream_id, version: r.max_version, position: r.position, what: 'events exist for a stream the store never created (inserted?)' });
      } else if (r.max_version === null) {
        if (r.stream_version !== '0') {
          report({ streamId: r.stream_id, version: Number(r.stream_version), position: null, what: `stream is at version ${r.stream_version} but holds no events (deleted?)` });
        }
      } else if (Number(r.stream_version) !== r.max_version) {
        report({ streamId: r.stream_id, version: r.max_version, position: r.position, what: `stream is at version ${r.stream_version} but its last event is version ${r.max_version} (events deleted or inserted at the end)` });
      } else if (!r.hash_ok) {
        report({ streamId: r.stream_id, version: r.max_version, position: r.position, what: 'last event hash differs from the stream head (the end of the chain was rewritten)' });
      }
    }
  }

  private async verifySeals(report: (p: BrokenEvent) => void): Promise<{ seals: number; unsealedTail: number }> {
    const { rows } = await this.db.query(`SELECT ${SEAL_COLUMNS} FROM perfledger.seals s ORDER BY s.seal_no`);
    const seals = rows.map(toSeal);
    let prevRoot: Buffer = GENESIS_HASH;
    let prevTo = { txId: '0', position: '0' };
    let expectedNo = 1n;
    for (const seal of seals) {
      const where = `seal ${seal.sealNo}`;
      // A seal cannot say which event changed: its problems name no event and sort after those that do.
      const problem = (what: string) => report({ streamId: null, version: null, position: null, what: `${where}: ${what}` });
      if (BigInt(seal.sealNo) !== expectedNo) problem(`seal ${expectedNo} is missing`);
      if (seal.prevRoot !== prevRoot.toString('hex')) problem('prev_root is not the root of the seal before it');
      if (seal.from.txId !== prevTo.txId || seal.from.position !== prevTo.position) {
        problem('does not start where the seal before it ended');
      }
      const hashes = await this.db.query(
        `SELECT e.hash
           FROM perfledger.events e
          WHERE (e.tx_id, e.global_position) > ($1::xid8, $2::bigint)
            AND (e.tx_id, e.global_position) <= ($3::xid8, $4::bigint)
          ORDER BY e.tx_id, e.global_position`,
        [seal.from.txId, seal.from.position, seal.to.txId, seal.to.position],
      );
      if (hashes.rows.length !== seal.eventCount) {
        problem(`covers ${seal.eventCount} events but ${hashes.rows.length} are now in its range (events ${hashes.rows.length > seal.eventCount ? 'inserted' : 'deleted'})`);
      }
      const root = sealRoot(Buffer.from(seal.prevRoot, 'hex'), hashes.rows.map((h) => h.hash as Buffer));
      if (root.toString('hex') !== seal.root) {
        problem(`root does not match the events in its range, cursor (${seal.from.txId}/${seal.from.position}, ${seal.to.txId}/${seal.to.position}] (an event was altered, inserted, deleted or reordered)`);
      }
      prevRoot = Buffer.from(seal.root, 'hex');
      prevTo = seal.to;
      expectedNo = BigInt(seal.sealNo) + 1n;
    }
    const tail = await this.db.query(
      `SELECT count(*)::int AS n FROM perfledger.events e WHERE (e.tx_id, e.global_position) > ($1::xid8, $2::bigint)`,
      [prevTo.txId, prevTo.position],
    );
    return { seals: seals.length, unsealedTail: tail.rows[0].n };
  }
}

/** The earliest problem in the log: lowest global position; problems with no event come last. */
function pickFirst(problems: BrokenEvent[]): BrokenEvent | null {
  let best: BrokenEvent | null = null;
  for (const p of problems) {
    if (best === null) best = p;
    else if (p.position !== null && (best.position === null || BigInt(p.position) < BigInt(best.position))) best = p;
  }
  return best;
}
