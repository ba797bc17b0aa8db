import { AppError } from '@app/shared';
import type { ExpectedVersion } from './event-store.types';

/** Raised by perfledger.append_events with our own SQLSTATEs (never parsed from a message). */
export const SQLSTATE = {
  versionConflict: 'PLV01',
  idempotencyConflict: 'PLI01',
  invalidAppend: 'PLE01',
  appendOnly: 'PLA01',
} as const;

export class VersionConflictError extends AppError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(
      'VersionConflict',
      'event-store.version-conflict',
      `数据已被他人修改：${streamId} 期望版本 ${String(expected)}，实际版本 ${actual}，请刷新后重试`,
      {
        messageEn: `version conflict on stream ${streamId}: expected ${String(expected)}, actual ${actual}`,
        details: { streamId, expected, actual },
      },
    );
  }
}

export class IdempotencyConflictError extends AppError {
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
  ) {
    super(
      'Conflict',
      'event-store.idempotency-conflict',
      `事件编号已被使用且内容不同（${streamId}）：同一请求重试时内容必须一致`,
      {
        messageEn: `idempotency conflict on stream ${streamId}: event ids already stored with other content`,
        details: { streamId, eventIds },
      },
    );
  }
}

export class InvalidEventError extends AppError {
  constructor(field: string, messageEn: string, message: string) {
    super('InvalidInput', 'event-store.invalid-event', message, { field, messageEn });
  }
}

/** The log's transaction ids are ahead of this cluster's: it was restored from a logical dump. */
export class XidHorizonError extends AppError {
  constructor(
    readonly maxTxId: string,
    readonly nextTxId: string,
  ) {
    super(
      'Unavailable',
      'event-store.xid-horizon',
      `Projectors refused to run: the event log holds transaction id ${maxTxId}, but this PostgreSQL cluster is only at ${nextTxId}. ` +
        `The database was restored into another cluster (dump/restore), and reading on would skip every new event. ` +
        `Follow docs/operations.md#after-a-dumprestore-re-sequencing before starting projectors again.`,
      { details: { maxTxId, nextTxId } },
    );
  }
}

/** This runner lost its projection lease (another instance took over); its batch was rolled back. */
export class LeaseLostError extends Error {
  constructor(readonly projection: string, readonly owner: string) {
    super(`projection ${projection}: ${owner} no longer holds the lease; batch rolled back`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Thrown by a projection (or reactor) whose batch failed because a dependency is unavailable — Redis down,
 * say — not because of the events: the runner retries with backoff for as long as it takes and never halts
 * on it, so the checkpoint waits and the work is caught up when the dependency returns.
 */
export class TransientProjectionError extends Error {
  readonly transient = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientProjectionError';
  }
}
