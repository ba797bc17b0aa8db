import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { PostgresEventStore } from '@app/event-store';
import { foldStream } from './rebuild-fold';
import type { ProjectionName, ProjectionSpec } from './rebuild-plan';
import { countStreams, projectionSpecs, streamsToBuild } from './rebuild-plan';
import type { RebuildRun } from './rebuild-runs';
import { cancelUnleased, checkpointRun, claimRun, finishRun, releaseRun, startRun, unfinishedRun } from './rebuild-runs';
import { countBuilt, createShadow, dropShadow, recordBuilt, shadowReady } from './rebuild-shadow';
import type { SwitchResult } from './rebuild-switch';
import { catchUp, inTransaction, isIntegrityError, isRetryableSwitchError, shadowTarget, switchIn } from './rebuild-switch';

export interface RebuildOptions {
  /** default: all, in dependency order */
  projections?: readonly ProjectionName[];
  /** aborted: stop after the current stream, leaving the run resumable */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, streamId: string) => void;
  /** test seams, run at fixed points */
  hooks?: {
    afterStream?: (streamId: string, builtThisRun: number) => Promise<void> | void;
    beforeSwitch?: () => Promise<void> | void;
    whileLocked?: (client: PoolClient) => Promise<void>;
  };
}

export interface RebuildResult {
  runId: number;
  projections: ProjectionName[];
  status: 'switched' | 'interrupted';
  /** the checkpoint this invocation resumed after (null: a new run) */
  resumedAfter: string | null;
  resumed: boolean;
  /** streams folded by the build pass of this invocation (a resumed run skips those before its checkpoint) */
  streamsBuilt: number;
  /** streams re-folded outside the lock because they moved after they were built */
  caughtUp: number;
  /** streams re-folded under the lock, in the switch */
  refoldedUnderLock: number;
  /** rows of each rebuilt read model (after the switch) */
  counts: Partial<Record<ProjectionName, number>>;
  /** per table, the live rows the switch inserted, updated and deleted */
  swapped: SwitchResult['swapped'];
  lastStreamId: string | null;
}

/** A rebuild that cannot start or go on; `run` is the unfinished run involved, when there is one. */
export class RebuildRefusedError extends Error {
  constructor(
    readonly code: 'rebuild-other-projections' | 'rebuild-in-progress' | 'rebuild-cancelled',
    readonly run: RebuildRun | null,
    message: string,
  ) {
    super(message);
  }
}

/** Any other failure of an unfinished run: the run stays resumable (`resumable`), or is marked failed. */
export class RebuildFailedError extends Error {
  constructor(
    readonly runId: number,
    readonly projections: ProjectionName[],
    readonly resumable: boolean,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const CATCH_UP_PASSES = 3;
const SWITCH_ATTEMPTS = 5;

/** Starts a run of `specs`, or takes over the unfinished one (which must cover the same projections). */
async function openRun(pool: Pool, specs: ProjectionSpec[], owner: string): Promise<{ run: RebuildRun; resumed: boolean }> {
  const names = specs.map((p) => p.name);
  const open = await unfinishedRun(pool);
  if (open) {
    if (!sameSet(open.projections, names)) throw new RebuildRefusedError('rebuild-other-projections', open, `unfinished run ${open.id} rebuilds ${open.projections.join(', ')}`);
    if (!(await claimRun(pool, open.id, owner))) throw new RebuildRefusedError('rebuild-in-progress', open, `run ${open.id} is being built by ${open.owner}`);
    if (await shadowReady(pool, specs)) return { run: { ...open, owner }, resumed: true };
    await finishRun(pool, open.id, 'failed'); // its shadow is gone: nothing to resume from
  }
  // one transaction: a second process starting at the same moment waits on the run's unique index, then
  // fails there — before it could drop the shadow this one creates
  const run = await inTransaction(pool, async (client) => {
    const started = await startRun(client, names, owner);
    if (!started) return null;
    await dropShadow(client);
    await createShadow(client, specs);
    return started;
  });
  if (!run) throw new RebuildRefusedError('rebuild-in-progress', await unfinishedRun(pool), 'another rebuild started meanwhile');
  return { run, resumed: false };
}

/**
 * Blue/green rebuild of the inline read models (docs/decisions/0005): build every selected read model in
 * the shadow schema from the start of the log, stream by stream, checkpointing each; catch up outside any
 * lock on streams that moved; then switch in one short transaction (lock, re-fold what still moved, replace
 * the live rows), and drop the shadow. Resumes the unfinished run from its checkpoint.
 */
export async function runRebuild(pool: Pool, store: PostgresEventStore, options: RebuildOptions = {}): Promise<RebuildResult> {
  const specs = projectionSpecs(options.projections);
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const { run, resumed } = await openRun(pool, specs, owner);
  const result: RebuildResult = {
    runId: run.id,
    projections: specs.map((p) => p.name),
    status: 'interrupted',
    resumed,
    resumedAfter: resumed ? run.lastStreamId : null,
    streamsBuilt: 0,
    caughtUp: 0,
    refoldedUnderLock: 0,
    counts: {},
    swapped: {},
    lastStreamId: run.lastStreamId,
  };
  const aborted = () => options.signal?.aborted === true;
  const lost = () => new RebuildRefusedError('rebuild-cancelled', run, `run ${run.id} was cancelled or taken over`);
  let phase: 'build' | 'switch' = 'build';
  try {
    const target = shadowTarget(specs);
    const total = await countStreams(pool, specs);
    let done = await countBuilt(pool);
    for (const streamId of await streamsToBuild(pool, specs, run.lastStreamId)) {
      if (aborted()) break;
      await inTransaction(pool, async (client) => {
        await recordBuilt(client, await foldStream(client, store, streamId, target));
        if (!(await checkpointRun(client, run.id, owner, streamId))) throw lost();
      });
      result.streamsBuilt++;
      result.lastStreamId = streamId;
      options.onProgress?.(Math.min(++done, total), total, streamId);
      await options.hooks?.afterStream?.(streamId, result.streamsBuilt);
    }
    const renew = async (client: PoolClient) => {
      if (!(await checkpointRun(client, run.id, owner, null))) throw lost();
    };
    for (let pass = 0; pass < CATCH_UP_PASSES && !aborted(); pass++) {
      const n = await catchUp(pool, store, specs, renew);
      result.caughtUp += n;
      if (n === 0) break;
    }
    if (aborted()) {
      await releaseRun(pool, run.id, owner);
      return result;
    }
    await options.hooks?.beforeSwitch?.();
    phase = 'switch';
    let switched: SwitchResult | null = null;
    for (let attempt = 1; !switched; attempt++) {
      try {
        switched = await inTransaction(pool, async (client) => {
          await renew(client);
          const r = await switchIn(client, store, specs, options.hooks?.whileLocked);
          await finishRun(client, run.id, 'switched');
          return r;
        });
      } catch (error) {
        if (!isRetryableSwitchError(error) || attempt >= SWITCH_ATTEMPTS) throw error;
        result.caughtUp += await catchUp(pool, store, specs, renew);
      }
    }
    result.status = 'switched';
    result.refoldedUnderLock = switched.refolded;
    result.counts = switched.counts;
    result.swapped = switched.swapped;
    await dropShadow(pool).catch(() => undefined); // a leftover is dropped by the next run
    return result;
  } catch (error) {
    if (error instanceof RebuildRefusedError) throw error;
    // a key the live tables would break fails the switch again on every attempt: give the run up
    const resumable = !(phase === 'switch' && isIntegrityError(error));
    if (resumable) await releaseRun(pool, run.id, owner).catch(() => undefined);
    else {
      await finishRun(pool, run.id, 'failed').catch(() => undefined);
      await dropShadow(pool).catch(() => undefined);
    }
    throw new RebuildFailedError(run.id, result.projections, resumable, error);
  }
}

/** `perfledger rebuild --cancel`: drops the shadow and marks the unfinished run cancelled (null: there is none). */
export async function cancelRebuild(pool: Pool): Promise<RebuildRun | null> {
  return inTransaction(pool, async (client) => {
    const open = await unfinishedRun(client);
    if (!open) return null;
    // not a run a live process is building (it renews its lease with every stream; Ctrl-C releases it)
    if (!(await cancelUnleased(client, open.id))) throw new RebuildRefusedError('rebuild-in-progress', open, `run ${open.id} is being built by ${open.owner}`);
    await dropShadow(client);
    return { ...open, status: 'cancelled' as const };
  });
}
