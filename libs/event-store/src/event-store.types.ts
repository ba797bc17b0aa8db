/** How the change was made: typed in the UI, sent to the API, typed at the `perfledger` command line, imported from a file (its sha256), or by the system. */
export type EventSource = 'ui' | 'api' | 'cli' | 'system' | `import:${string}`;

export interface Actor {
  userId: string;
  role: string;
  /** The unit the actor acts for, when they act for one. */
  unitId?: string | null;
}

/** Who, why, how, and the request chain. `recordedAt` is set by the database, not by the caller. */
export interface EventMetadata {
  actor: Actor;
  reason?: string | null;
  source: EventSource;
  correlationId: string;
  causationId?: string | null;
}

export interface NewEvent<TData = unknown> {
  /** Client-supplied UUID: a retried append with the same ids writes nothing. */
  eventId: string;
  type: string;
  schemaVersion?: number;
  data: TData;
  metadata: EventMetadata;
}

export interface StoredEvent<TData = unknown> {
  /** Global position (bigint as a decimal string). */
  globalPosition: string;
  /** Writing transaction's xid8 (decimal string). */
  txId: string;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  /** UTC ISO-8601, milliseconds. */
  recordedAt: string;
  /** Hex; present when asked for (readAll with hashes, readStream). */
  prevHash?: string;
  hash?: string;
}

/** 'any': no check; 'no-stream': the stream must not exist yet; n: the stream must be at version n. */
export type ExpectedVersion = 'any' | 'no-stream' | number;

export interface AppendResult {
  streamId: string;
  /** The stream's version after this append (of the stored events, for an idempotent retry). */
  nextVersion: number;
  /** Global positions of the appended events, in order (decimal strings). */
  positions: string[];
  txId: string;
  recordedAt: string;
  /** true when every event id was already stored with the same content and nothing was written. */
  idempotent: boolean;
}

/** A position in the global log: (transaction id, global position), compared as a pair. */
export interface Cursor {
  txId: string;
  position: string;
}

export const START_CURSOR: Cursor = Object.freeze({ txId: '0', position: '0' });

export interface ReadAllResult {
  events: StoredEvent[];
  /** Cursor after the last event returned (unchanged when none were). */
  cursor: Cursor;
}

/** The part of node-postgres' Pool / PoolClient the store needs; pass a PoolClient to join its transaction. */
export interface SqlClient {
  query<R extends Record<string, any> = any>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
  query<R extends Record<string, any> = any>(config: {
    name?: string;
    text: string;
    values?: unknown[];
    rowMode?: 'array';
  }): Promise<{ rows: R[]; rowCount: number | null }>;
}
