import { canonicalEventParts } from './event-hash';
import {
  IdempotencyConflictError,
  InvalidEventError,
  SQLSTATE,
  VersionConflictError,
} from './event-store.errors';
import {
  AppendResult,
  Cursor,
  ExpectedVersion,
  NewEvent,
  ReadAllResult,
  SqlClient,
  StoredEvent,
} from './event-store.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SOURCE = /^(ui|api|cli|system|import:[0-9a-f]{64})$/;
const DIGITS = /^\d{1,20}$/;
/** A JSON-escaped NUL (PostgreSQL text and jsonb cannot hold one): \u0000 after an even run of backslashes. */
const ESCAPED_NUL = /(^|[^\\])(\\\\)*\\u0000/;

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  /** Join the caller's transaction (a PoolClient inside BEGIN … COMMIT). */
  client?: SqlClient;
}

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  client?: SqlClient;
}

export interface ReadAllOptions {
  /** Include prev_hash and hash (hex). */
  withHashes?: boolean;
  client?: SqlClient;
}

/**
 * recorded_at rendered by PostgreSQL exactly as the append hashed it (UTC, milliseconds), whatever
 * the session's TimeZone — cheaper for a reader than a Date parsed and printed again.
 */
export const RECORDED_AT_ISO = `to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const EVENT_COLUMNS = `e.global_position::text AS global_position, e.tx_id::text AS tx_id, e.stream_id,
  e.version::int AS version, e.event_id::text AS event_id, e.type, e.schema_version, e.data, e.metadata,
  ${RECORDED_AT_ISO} AS recorded_at`;
const HASH_COLUMNS = `, encode(e.prev_hash, 'hex') AS prev_hash, encode(e.hash, 'hex') AS hash`;

/**
 * The PostgreSQL event store. Appends go through perfledger.append_events in one round trip;
 * reads of the whole log go by the (tx_id, global_position) cursor and stop below the oldest
 * running transaction, so no event that commits late is ever skipped.
 */
export interface EventStoreOptions {
  /**
   * Send the hot statements as named prepared statements (parsed and planned once per connection).
   * Turn off where several client connections share one server session, as behind pglite-socket:
   * a name prepared by one would collide with the next.
   */
  preparedStatements?: boolean;
}

const APPEND_SQL = `SELECT next_version::int AS next_version, positions::text[] AS positions, tx_id, recorded_at, idempotent
  FROM perfledger.append_events($1, $2, $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[])`;
const READ_ALL_SQL = (withHashes: boolean) => `SELECT ${EVENT_COLUMNS}${withHashes ? HASH_COLUMNS : ''}
  FROM perfledger.events e
 WHERE (e.tx_id, e.global_position) > ($1::xid8, $2::bigint)
   AND e.tx_id < (SELECT pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()))
 ORDER BY e.tx_id, e.global_position
 LIMIT $3`;

export class PostgresEventStore {
  private readonly prepared: boolean;

  constructor(
    private readonly db: SqlClient,
    options: EventStoreOptions = {},
  ) {
    this.prepared = options.preparedStatements ?? true;
  }

  /** A query config: named (prepared once per connection) when enabled. */
  private statement(name: string, text: string, values: unknown[]) {
    return this.prepared ? { name, text, values } : { text, values };
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateStreamId(streamId);
    if (events.length === 0) {
      throw new InvalidEventError('events', 'append needs at least one event', '至少需要一个事件');
    }
    const expected = toExpectedParam(options.expectedVersion);
    const ids: string[] = [];
    const types: string[] = [];
    const schemaVersions: number[] = [];
    const heads: string[] = [];
    const tails: string[] = [];
    events.forEach((event, i) => {
      validateEvent(event, i);
      const schemaVersion = event.schemaVersion ?? 1;
      const { head, tail } = canonicalEventParts({
        streamId,
        eventId: event.eventId.toLowerCase(),
        type: event.type,
        schemaVersion,
        data: event.data,
        metadata: event.metadata,
      });
      if (ESCAPED_NUL.test(head) || ESCAPED_NUL.test(tail)) {
        throw new InvalidEventError(`events[${i}]`, 'events cannot contain the NUL character', '事件内容不能包含 NUL 字符');
      }
      ids.push(event.eventId.toLowerCase());
      types.push(event.type);
      schemaVersions.push(schemaVersion);
      heads.push(head);
      tails.push(tail);
    });
    const db = options.client ?? this.db;
    try {
      const { rows } = await db.query(
        this.statement('perfledger_append_events', APPEND_SQL, [streamId, expected, ids, types, schemaVersions, heads, tails]),
      );
      const row = rows[0];
      return {
        streamId,
        nextVersion: row.next_version,
        positions: row.positions,
        txId: row.tx_id,
        recordedAt: toIso(row.recorded_at),
        idempotent: row.idempotent,
      };
    } catch (error) {
      throw mapAppendError(error, streamId, options.expectedVersion, ids);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const db = options.client ?? this.db;
    const { rows } = await db.query({
      text: `SELECT ${EVENT_COLUMNS}${HASH_COLUMNS}
               FROM perfledger.events e
              WHERE e.stream_id = $1 AND e.version >= $2 AND e.version <= $3
              ORDER BY e.version`,
      values: [streamId, options.fromVersion ?? 1, options.toVersion ?? Number.MAX_SAFE_INTEGER],
      rowMode: 'array',
    });
    return (rows as unknown as unknown[][]).map(fromRowArray);
  }

  /** The stream's current version (0 when it does not exist). */
  async streamVersion(streamId: string, client?: SqlClient): Promise<number> {
    const { rows } = await (client ?? this.db).query(
      `SELECT s.version::int AS version FROM perfledger.streams s WHERE s.stream_id = $1`,
      [streamId],
    );
    return rows[0]?.version ?? 0;
  }

  /**
   * Events after `cursor`, in (tx_id, global_position) order, only from transactions older
   * than every transaction still running — the ones that can no longer gain a lower position.
   */
  async readAll(cursor: Cursor, batchSize: number, options: ReadAllOptions = {}): Promise<ReadAllResult> {
    validateCursor(cursor);
    const db = options.client ?? this.db;
    const withHashes = Boolean(options.withHashes);
    // Rows as arrays: no intermediate object per row on the replay path.
    const { rows } = await db.query({
      ...this.statement(withHashes ? 'perfledger_read_all_h' : 'perfledger_read_all', READ_ALL_SQL(withHashes), [cursor.txId, cursor.position, batchSize]),
      rowMode: 'array',
    });
    const events = (rows as unknown as unknown[][]).map(fromRowArray);
    const last = events[events.length - 1];
    return { events, cursor: last ? { txId: last.txId, position: last.globalPosition } : cursor };
  }
}

function toExpectedParam(expected: ExpectedVersion): string | null {
  if (expected === 'any') return null;
  if (expected === 'no-stream') return '0';
  if (Number.isSafeInteger(expected) && expected >= 0) return String(expected);
  throw new InvalidEventError('expectedVersion', `expectedVersion must be 'any', 'no-stream' or a whole number ≥ 0`, `期望版本必须是 any、no-stream 或非负整数`);
}

function validateStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > 512 || streamId.includes('\u0000')) {
    throw new InvalidEventError('streamId', 'streamId must be a non-empty string of at most 512 characters', '流标识不能为空且不超过 512 个字符');
  }
}

function validateEvent(event: NewEvent, i: number): void {
  const at = `events[${i}]`;
  if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
    throw new InvalidEventError(`${at}.eventId`, 'eventId must be a UUID', '事件编号必须是 UUID');
  }
  if (typeof event.type !== 'string' || !/^[A-Z][A-Za-z0-9]{0,127}$/.test(event.type)) {
    throw new InvalidEventError(`${at}.type`, 'type must be a PascalCase name', '事件类型必须是 PascalCase 名称');
  }
  if (event.schemaVersion !== undefined && (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1)) {
    throw new InvalidEventError(`${at}.schemaVersion`, 'schemaVersion must be a whole number ≥ 1', '结构版本必须是正整数');
  }
  if (event.data === null || typeof event.data !== 'object') {
    throw new InvalidEventError(`${at}.data`, 'data must be an object', '事件数据必须是对象');
  }
  const m = event.metadata;
  if (!m || typeof m !== 'object') {
    throw new InvalidEventError(`${at}.metadata`, 'metadata is required', '缺少事件元数据');
  }
  if (!m.actor || typeof m.actor.userId !== 'string' || m.actor.userId === '' || typeof m.actor.role !== 'string' || m.actor.role === '') {
    throw new InvalidEventError(`${at}.metadata.actor`, 'metadata.actor needs userId and role', '事件元数据必须包含操作人（用户与角色）');
  }
  if (typeof m.source !== 'string' || !SOURCE.test(m.source)) {
    throw new InvalidEventError(`${at}.metadata.source`, "metadata.source must be ui, api, cli, system or import:<sha256>", '来源必须是 ui、api、cli、system 或 import:<sha256>');
  }
  if (typeof m.correlationId !== 'string' || m.correlationId === '') {
    throw new InvalidEventError(`${at}.metadata.correlationId`, 'metadata.correlationId is required', '缺少关联编号 correlationId');
  }
}

function validateCursor(cursor: Cursor): void {
  if (!DIGITS.test(cursor.txId) || !DIGITS.test(cursor.position)) {
    throw new InvalidEventError('cursor', 'cursor txId and position must be decimal strings', '游标必须是十进制数字字符串');
  }
}

function mapAppendError(error: unknown, streamId: string, expected: ExpectedVersion, ids: string[]): unknown {
  const pg = error as { code?: string; detail?: string };
  if (pg.code === SQLSTATE.versionConflict) {
    const detail = JSON.parse(pg.detail ?? '{}') as { actual?: number };
    return new VersionConflictError(streamId, expected, Number(detail.actual));
  }
  if (pg.code === SQLSTATE.idempotencyConflict) return new IdempotencyConflictError(streamId, ids);
  return error;
}

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}

/** Columns in EVENT_COLUMNS (+ HASH_COLUMNS) order. */
function fromRowArray(r: any[]): StoredEvent {
  const event: StoredEvent = {
    globalPosition: r[0],
    txId: r[1],
    streamId: r[2],
    version: r[3],
    eventId: r[4],
    type: r[5],
    schemaVersion: r[6],
    data: r[7],
    metadata: r[8],
    recordedAt: r[9],
  };
  if (r.length > 10) {
    event.prevHash = r[10];
    event.hash = r[11];
  }
  return event;
}
