import type { Pool, PoolClient } from 'pg';
import type { PostgresEventStore } from '@app/event-store';
import { withTransaction } from '@app/event-store';
import { LIVE_SCHEMA, SHADOW_SCHEMA, tableIn } from './read-model-tables';
import type { FoldTarget } from './rebuild-fold';
import { foldStream } from './rebuild-fold';
import type { ProjectionSpec } from './rebuild-plan';
import { tablesOf } from './rebuild-plan';
import type { SwapCounts } from './rebuild-shadow';
import { recordBuilt, shadowCounts, staleStreams, swapIntoLive } from './rebuild-shadow';

/** One transaction on its own connection (committed when `work` resolves, rolled back when it throws). */
export const inTransaction = <T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> => withTransaction(pool, work);

/** The shadow target of a rebuild of `specs`: filing views read template versions from the shadow only when templates are rebuilt too. */
export function shadowTarget(specs: readonly ProjectionSpec[], schema: string = SHADOW_SCHEMA): FoldTarget {
  return { schema, templatesSchema: specs.some((p) => p.name === 'templates') ? schema : LIVE_SCHEMA };
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/**
 * Runs `foldOne` over `ids` in order; one that hits a unique key is retried after the others. Streams are
 * re-folded at their latest state but in id order: a unit taking the name another unit gives up later in
 * that order (both renamed during the rebuild) must wait for it. Throws when a round makes no progress.
 */
async function inOrderDeferringUniqueViolations(ids: readonly string[], foldOne: (id: string) => Promise<void>): Promise<void> {
  let pending = [...ids];
  while (pending.length > 0) {
    const deferred: string[] = [];
    let last: unknown;
    for (const id of pending) {
      try {
        await foldOne(id);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        deferred.push(id);
        last = error;
      }
    }
    if (deferred.length === pending.length) throw last;
    pending = deferred;
  }
}

/** Re-folds, each in its own short transaction, the streams whose version moved since they were built. */
export async function catchUp(pool: Pool, store: PostgresEventStore, specs: readonly ProjectionSpec[], each?: (client: PoolClient) => Promise<void>): Promise<number> {
  const target = shadowTarget(specs);
  const stale = await staleStreams(pool, specs);
  await inOrderDeferringUniqueViolations(stale, (streamId) =>
    inTransaction(pool, async (client) => {
      await recordBuilt(client, await foldStream(client, store, streamId, target));
      await each?.(client);
    }),
  );
  return stale.length;
}

export interface SwitchResult {
  /** streams re-folded under the lock (they moved after the catch-up) */
  refolded: number;
  counts: Partial<Record<string, number>>;
  swapped: Record<string, SwapCounts>;
}

/** How long the switch waits for the live tables before giving up this attempt (writers queue behind it meanwhile). */
const LOCK_TIMEOUT = '5s';

/**
 * The switch, in the caller's transaction: lock the live tables of `specs` in SHARE ROW EXCLUSIVE mode
 * (readers go on reading; inline writers, which take ROW EXCLUSIVE to write their rows, wait — in the
 * order they write, so a writer holding a later table finishes instead of deadlocking with us), re-fold
 * the streams whose committed version differs from the one built (a writer that committed after the
 * catch-up), then replace the live rows with the shadow's. A writer still waiting appended its events in
 * a transaction we cannot see; it writes its rows after our commit, over ours (its version is newer).
 */
export async function switchIn(
  client: PoolClient,
  store: PostgresEventStore,
  specs: readonly ProjectionSpec[],
  whileLocked?: (client: PoolClient) => Promise<void>,
): Promise<SwitchResult> {
  await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
  await client.query(`LOCK TABLE ${specs.flatMap(tablesOf).map((t) => tableIn(LIVE_SCHEMA, t.table)).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
  await whileLocked?.(client);
  const target = shadowTarget(specs);
  const stale = await staleStreams(client, specs);
  await inOrderDeferringUniqueViolations(stale, async (streamId) => {
    await client.query('SAVEPOINT refold');
    try {
      await recordBuilt(client, await foldStream(client, store, streamId, target));
      await client.query('RELEASE SAVEPOINT refold');
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT refold');
      throw error;
    }
  });
  const counts = await shadowCounts(client, specs);
  const swapped = await swapIntoLive(client, specs);
  return { refolded: stale.length, counts, swapped };
}

/** A failed switch attempt worth another: deadlock, lock timeout, serialization failure. */
export const isRetryableSwitchError = (error: unknown) => ['40P01', '55P03', '40001'].includes((error as { code?: string })?.code ?? '');

/** An integrity error (class 23: a foreign key the live tables would break) — resuming would fail the same way. */
export const isIntegrityError = (error: unknown) => ((error as { code?: string })?.code ?? '').startsWith('23');
