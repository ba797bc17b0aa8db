import type { Pool, PoolClient } from 'pg';
import { VersionConflictError, withTransaction } from '@app/event-store';

/** SQLSTATEs worth a retry: serialization failure, deadlock. */
const RETRYABLE_SQLSTATE = new Set(['40001', '40P01']);

export interface TransactionOptions {
  /** Attempts in all (a version conflict re-runs the whole decision; decisions are pure). */
  attempts?: number;
}

/**
 * Runs `work` in one transaction, committed when it resolves. A version conflict (another writer
 * appended to the same stream between our read and our append) re-runs `work` from the start, up to
 * `attempts` times, then surfaces as the VersionConflict error (HTTP 409).
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 10;
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTransaction(pool, work);
    } catch (error) {
      const retryable = error instanceof VersionConflictError || RETRYABLE_SQLSTATE.has((error as { code?: string }).code ?? '');
      if (!retryable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5 * attempt)));
    }
  }
}

/**
 * Runs read-only `work` on one REPEATABLE READ snapshot, so what it reads from several tables (the
 * streams' versions and the read models projected inline with them) agrees.
 */
export function inSnapshot<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}
