import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { RECORDED_AT_ISO } from './postgres-event-store';
import { SEAL_COLUMNS, Seal, toSeal } from './sealer';

/**
 * The audit package (docs/audit.md): the event log as JSON Lines that an auditor checks offline with
 * `node tools/verify-audit.js` — a header, one line per event in cursor order, one line per seal, a trailer.
 */
export const AUDIT_FORMAT = 'perfledger-audit/1';

/** Which streams an export holds: the whole log, or some streams (whole, from version 1) by id and id prefix. */
export type AuditScope =
  | { kind: 'full' }
  | { kind: 'county'; county: string; streams: string[]; prefixes: string[] };

/**
 * A county's streams (the ids of libs/domain: `county-<code>`, `unit-<code>-<unit>`, `filing-`/`findings-<code>-<unit>-<year>`,
 * `round-<code>-<year>`) plus every template, which its filings and rounds refer to. County codes are digits,
 * so `unit-430423-` never matches another county's `unit-4304230…`.
 */
export function countyAuditScope(county: string): AuditScope {
  return {
    kind: 'county',
    county,
    streams: [`county-${county}`],
    prefixes: [`unit-${county}-`, `filing-${county}-`, `findings-${county}-`, `round-${county}-`, 'template-'],
  };
}

export interface AuditExportOptions {
  scope?: AuditScope;
  /** Events (and seals) read per query. */
  batchSize?: number;
}

export interface AuditExportSummary {
  format: string;
  scope: AuditScope;
  streams: number;
  events: number;
  seals: number;
  /** Exported events after the last seal's cursor: no seal (and no published root) covers them yet. */
  unsealedTail: number;
  lastSeal: Pick<Seal, 'sealNo' | 'to' | 'root' | 'sealedAt'> | null;
}

/** What the header tells a reader who has only the file (the verifier checks these rules, it does not read them). */
const HEADER_RULES = {
  canonical: 'RFC 8785 (JCS) JSON of {streamId,version,eventId,type,schemaVersion,data,metadata,recordedAt}, UTF-8; recordedAt UTC ISO-8601 with milliseconds',
  hash: 'hash = sha256(prevHash ‖ sha256(canonical)), prevHash = the hash of the stream\'s previous version; version 1: 32 zero bytes',
  seal: 'root_n = sha256(root_{n-1} ‖ hash_1 ‖ … ‖ hash_k): the hashes of every event of the log in the cursor range (from, to], in cursor order; root_0 = 32 zero bytes',
  order: 'events ascending by cursor (txId, position), compared as integers; txId and position are decimal strings',
  verifier: 'node tools/verify-audit.js <file> [--root <published seal root> [--seal <n>]] [--json]',
};

const EVENT_SQL = `SELECT e.tx_id::text AS tx_id, e.global_position::text AS position, e.stream_id, e.version::int AS version,
       e.event_id::text AS event_id, e.type, e.schema_version, e.data, e.metadata, ${RECORDED_AT_ISO} AS recorded_at,
       encode(e.prev_hash, 'hex') AS prev_hash, encode(e.hash, 'hex') AS hash
  FROM perfledger.events e
 WHERE (e.tx_id, e.global_position) > ($1::xid8, $2::bigint)
   AND ($4::text[] IS NULL
        OR e.stream_id = ANY ($4::text[])
        OR EXISTS (SELECT 1 FROM unnest($5::text[]) AS p(prefix) WHERE pg_catalog.starts_with(e.stream_id, p.prefix)))
 ORDER BY e.tx_id, e.global_position
 LIMIT $3`;

/**
 * Writes the audit package to `out`, page by page, from one REPEATABLE READ READ ONLY snapshot on `client`
 * (a client of its own: this function opens and ends the transaction). In one snapshot every committed
 * stream is complete from version 1 and every seal's range holds all its events. The transaction reads
 * only, so it is assigned no transaction id and holds back no projector's xmin. `out` is not ended.
 */
export async function exportAudit(client: PoolClient, out: Writable, options: AuditExportOptions = {}): Promise<AuditExportSummary> {
  const scope = options.scope ?? { kind: 'full' };
  const batchSize = options.batchSize ?? 1_000;
  const write = async (lines: string[]) => {
    if (out.errored) throw out.errored;
    if (lines.length === 0) return;
    if (!out.write(lines.join(''))) await once(out, 'drain');
  };
  const summary: AuditExportSummary = { format: AUDIT_FORMAT, scope, streams: 0, events: 0, seals: 0, unsealedTail: 0, lastSeal: null };

  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const last = await client.query(`SELECT ${SEAL_COLUMNS} FROM perfledger.seals s ORDER BY s.seal_no DESC LIMIT 1`);
    const lastSeal = last.rows[0] ? toSeal(last.rows[0]) : null;
    summary.lastSeal = lastSeal && { sealNo: lastSeal.sealNo, to: lastSeal.to, root: lastSeal.root, sealedAt: lastSeal.sealedAt };
    const sealedTo = lastSeal ? [BigInt(lastSeal.to.txId), BigInt(lastSeal.to.position)] : [0n, 0n];

    await write([line({ kind: 'header', format: AUDIT_FORMAT, exportedAt: new Date().toISOString(), scope, ...HEADER_RULES })]);

    const ids = scope.kind === 'full' ? null : scope.streams;
    const prefixes = scope.kind === 'full' ? null : scope.prefixes;
    let cursor = { txId: '0', position: '0' };
    for (;;) {
      const { rows } = await client.query(EVENT_SQL, [cursor.txId, cursor.position, batchSize, ids, prefixes]);
      if (rows.length === 0) break;
      const lines: string[] = [];
      for (const r of rows) {
        summary.events += 1;
        if (r.version === 1) summary.streams += 1; // every exported stream is whole, so each has one version 1
        const tx = BigInt(r.tx_id);
        if (tx > sealedTo[0] || (tx === sealedTo[0] && BigInt(r.position) > sealedTo[1])) summary.unsealedTail += 1;
        lines.push(
          line({
            kind: 'event',
            txId: r.tx_id,
            position: r.position,
            streamId: r.stream_id,
            version: r.version,
            eventId: r.event_id,
            type: r.type,
            schemaVersion: r.schema_version,
            data: r.data,
            metadata: r.metadata,
            recordedAt: r.recorded_at,
            prevHash: r.prev_hash,
            hash: r.hash,
          }),
        );
      }
      await write(lines);
      const tail = rows[rows.length - 1];
      cursor = { txId: tail.tx_id, position: tail.position };
    }

    // Every seal, also in a county export: seals cover the whole log (docs/audit.md).
    let afterSeal = '0';
    for (;;) {
      const { rows } = await client.query(
        `SELECT ${SEAL_COLUMNS} FROM perfledger.seals s WHERE s.seal_no > $1::bigint ORDER BY s.seal_no LIMIT $2`,
        [afterSeal, batchSize],
      );
      if (rows.length === 0) break;
      const seals = rows.map(toSeal);
      summary.seals += seals.length;
      await write(seals.map((s) => line({ kind: 'seal', ...s })));
      afterSeal = seals[seals.length - 1].sealNo;
    }

    await write([
      line({ kind: 'trailer', streams: summary.streams, events: summary.events, seals: summary.seals, unsealedTail: summary.unsealedTail }),
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return summary;
}

/** `kind` first: the verifier tells event lines from the others by their first bytes. */
function line(value: { kind: string } & Record<string, unknown>): string {
  return `${JSON.stringify(value)}\n`;
}
