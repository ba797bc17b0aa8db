import type { Pool } from 'pg';
import { filingStreamId, findingsStreamId } from '@app/domain';
import type { PostgresEventStore } from '@app/event-store';
import { LIVE_SCHEMA, tableIn } from './read-model-tables';
import { foldStream, LIVE_TARGET } from './rebuild-fold';
import type { ProjectionName } from './rebuild-plan';
import { PROJECTION_NAMES, projectionSpecs, streamsToBuild } from './rebuild-plan';
import { RebuildFailedError, runRebuild } from './rebuild-run';
import { countBuilt, createShadow, recordBuilt, shadowCounts } from './rebuild-shadow';
import { inTransaction, shadowTarget } from './rebuild-switch';

export { domainEvent } from './rebuild-fold';

export type RebuildCounts = Record<ProjectionName, number>;

/**
 * Rewrites every county, unit, template version, round, filing view and finding from the event log: a
 * blue/green rebuild of them all (`runRebuild`), resuming an unfinished run of all. Resolves to the rows of
 * each read model; safe while commands run.
 */
export async function rebuildReadModels(pool: Pool, store: PostgresEventStore): Promise<RebuildCounts> {
  const result = await runRebuild(pool, store, { projections: PROJECTION_NAMES });
  if (result.status !== 'switched') throw new RebuildFailedError(result.runId, result.projections, true, new Error('interrupted'));
  return result.counts as RebuildCounts;
}

/**
 * Folds the whole log into the read models' tables in `schema` (created there, LIKE the live ones), without
 * a run record or a switch: a clean rebuild to compare the live read models with. The caller owns `schema`.
 */
export async function rebuildIntoSchema(pool: Pool, store: PostgresEventStore, schema: string, projections: readonly ProjectionName[] = PROJECTION_NAMES): Promise<{ streams: number; counts: Partial<RebuildCounts> }> {
  const specs = projectionSpecs(projections);
  const target = shadowTarget(specs, schema);
  await createShadow(pool, specs, schema);
  for (const streamId of await streamsToBuild(pool, specs, null)) {
    await inTransaction(pool, async (client) => recordBuilt(client, await foldStream(client, store, streamId, target), schema));
  }
  return { streams: await countBuilt(pool, schema), counts: await shadowCounts(pool, specs, schema) };
}

export interface FilingRebuild {
  streamId: string;
  /** the filing stream's version folded (0: no such filing in the log; its rows, if any, are gone) */
  version: number;
  /** findings rows written from the filing's findings stream */
  findings: number;
}

/**
 * Re-folds one filing — its view from `filing-<county>-<unit>-<year>`, its findings from
 * `findings-<county>-<unit>-<year>` — into the live tables, in one short transaction holding both tables
 * against inline writers (readers go on). The filing's rows are deleted first, so a corrupted row is
 * replaced whatever version it claims; no other filing's rows are touched.
 */
export async function rebuildFiling(pool: Pool, store: PostgresEventStore, ref: { countyCode: string; unitCode: string; year: number }): Promise<FilingRebuild> {
  const streamId = filingStreamId(ref.countyCode, ref.unitCode, ref.year);
  return inTransaction(pool, async (client) => {
    await client.query(`LOCK TABLE ${tableIn(LIVE_SCHEMA, 'filing_views')}, ${tableIn(LIVE_SCHEMA, 'findings')} IN SHARE ROW EXCLUSIVE MODE`);
    await client.query(`DELETE FROM ${tableIn(LIVE_SCHEMA, 'findings')} WHERE stream_id = $1`, [streamId]);
    await client.query(`DELETE FROM ${tableIn(LIVE_SCHEMA, 'filing_views')} WHERE stream_id = $1`, [streamId]);
    const [filing] = await foldStream(client, store, streamId, LIVE_TARGET);
    await foldStream(client, store, findingsStreamId(ref.countyCode, ref.unitCode, ref.year), LIVE_TARGET);
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${tableIn(LIVE_SCHEMA, 'findings')} WHERE stream_id = $1`, [streamId]);
    return { streamId, version: filing.version, findings: rows[0].n };
  });
}
