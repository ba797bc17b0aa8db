import type { Pool } from 'pg';
import type { CountySummary } from '@app/domain';
import { countyStreamVersions, countySummary, coversStreamVersion, findCounty, readCountySummary, readCurrentCountySummary, writeCountySummary } from '@app/projections';
import { AppError } from '@app/shared';
import type { JobOutcome, JobRunOptions } from './county-scan.service';
import { inSnapshot } from './transaction';

/**
 * The stored county summary (`county_summaries`), recomputed by the background job from the read
 * models on one snapshot and stored with the stream versions it saw: a job whose trigger is already
 * covered is skipped, and an older computation never overwrites a newer one.
 */
export class CountySummaryService {
  constructor(private readonly pool: Pool) {}

  async recompute(countyCode: string, year: number, options: JobRunOptions = {}): Promise<JobOutcome> {
    const { trigger, jobId = null, force = false } = options;
    if (trigger && !force && (await coversStreamVersion(this.pool, 'county_summaries', countyCode, year, trigger.streamId, trigger.version))) return { state: 'skipped' };
    const computed = await inSnapshot(this.pool, async (client) => {
      const county = await findCounty(client, countyCode);
      if (!county) return null;
      const from = await countyStreamVersions(client, countyCode, year, ['unit', 'filing', 'findings']);
      return { from, summary: await countySummary(client, { code: county.code, name: county.name }, year) };
    });
    if (!computed) return { state: 'skipped' };
    const written = await writeCountySummary(this.pool, countyCode, year, computed.summary, computed.from, jobId);
    return written ? { state: 'done', changes: 1, versionsTotal: computed.from.total } : { state: 'superseded' };
  }

  /**
   * The summary as the jobs stored it when it is current (every stream it depends on at the version it
   * saw), else computed now from the read models (`stale` says whether a stored one lagged).
   */
  async current(countyCode: string, year: number): Promise<{ summary: CountySummary; source: 'stored' | 'computed'; computedAt: string | null; stale: boolean }> {
    return inSnapshot(this.pool, async (client) => {
      const county = await findCounty(client, countyCode);
      if (!county) throw new AppError('NotFound', 'county-not-found', `没有代码为“${countyCode}”的行政区划（perfledger counties 可列出全部）`, { field: 'county' });
      const current = await readCurrentCountySummary(client, countyCode, year);
      if (current) return { summary: current.summary, source: 'stored', computedAt: current.computedAt, stale: false };
      const stored = await readCountySummary(client, countyCode, year);
      return { summary: await countySummary(client, { code: county.code, name: county.name }, year), source: 'computed', computedAt: null, stale: stored !== null };
    });
  }
}
