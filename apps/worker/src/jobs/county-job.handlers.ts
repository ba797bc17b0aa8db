import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Pool } from 'pg';
import { CountyScanService, CountySummaryService } from '@app/application';
import { PG_POOL, PostgresEventStore, Sealer } from '@app/event-store';
import { listOpenRounds } from '@app/projections';
import type { JobPayloads } from '@app/shared';
import type { JobHandler } from './job-handlers';

@Injectable()
export class RecomputeCountySummaryHandler implements JobHandler<'recompute-county-summary'> {
  readonly name = 'recompute-county-summary';
  private readonly summaries: CountySummaryService;
  constructor(@Inject(PG_POOL) pool: Pool) {
    this.summaries = new CountySummaryService(pool);
  }
  run(job: Job<JobPayloads['recompute-county-summary']>) {
    return this.summaries.recompute(job.data.countyCode, job.data.year, { trigger: job.data.trigger, jobId: job.id ?? null });
  }
}

@Injectable()
export class ScanCountyHandler implements JobHandler<'scan-county'> {
  readonly name = 'scan-county';
  private readonly scans: CountyScanService;
  constructor(@Inject(PG_POOL) pool: Pool, store: PostgresEventStore) {
    this.scans = new CountyScanService(pool, store);
  }
  run(job: Job<JobPayloads['scan-county']>) {
    return this.scans.scanCounty(job.data.countyCode, job.data.year, { trigger: job.data.trigger, jobId: job.id ?? null });
  }
}

@Injectable()
export class ScanFilingHandler implements JobHandler<'scan-filing'> {
  readonly name = 'scan-filing';
  private readonly scans: CountyScanService;
  constructor(@Inject(PG_POOL) pool: Pool, store: PostgresEventStore) {
    this.scans = new CountyScanService(pool, store);
  }
  run(job: Job<JobPayloads['scan-filing']>) {
    const { countyCode, unitCode, year, version } = job.data;
    return this.scans.scanFiling({ countyCode, unitCode, year }, { version, jobId: job.id ?? null });
  }
}

/**
 * Every night: the rules of groups S and A again over every open round (some depend on the date, such
 * as a deadline passing), then its summary.
 */
@Injectable()
export class NightlyRescanHandler implements JobHandler<'nightly-rescan'> {
  readonly name = 'nightly-rescan';
  private readonly logger = new Logger('NightlyRescan');
  private readonly scans: CountyScanService;
  private readonly summaries: CountySummaryService;
  constructor(@Inject(PG_POOL) private readonly pool: Pool, store: PostgresEventStore) {
    this.scans = new CountyScanService(pool, store);
    this.summaries = new CountySummaryService(pool);
  }
  async run(job: Job<JobPayloads['nightly-rescan']>) {
    const rounds = await listOpenRounds(this.pool);
    const done: { countyCode: string; year: number; filings: number; changes: number }[] = [];
    for (const [i, r] of rounds.entries()) {
      const report = await this.scans.scan(r.countyCode, r.year, (filingsDone, filings) => {
        void job.updateProgress({ round: i + 1, rounds: rounds.length, filingsDone, filings }).catch(() => undefined);
      });
      await this.summaries.recompute(r.countyCode, r.year, { force: true, jobId: job.id ?? null });
      done.push({ countyCode: r.countyCode, year: r.year, filings: report.filings, changes: report.changes });
    }
    this.logger.log(`rescanned ${done.length} open round(s)`);
    return { rounds: done };
  }
}

@Injectable()
export class SealLogHandler implements JobHandler<'seal-log'> {
  readonly name = 'seal-log';
  private readonly logger = new Logger('Sealer');
  constructor(private readonly sealer: Sealer) {}
  async run() {
    const seals = await this.sealer.sealDue();
    for (const s of seals) this.logger.log(`seal ${s.sealNo}: ${s.eventCount} events, root ${s.root}`);
    return { seals: seals.map((s) => ({ sealNo: s.sealNo, events: s.eventCount, root: s.root })) };
  }
}

export const JOB_HANDLER_CLASSES = [RecomputeCountySummaryHandler, ScanCountyHandler, ScanFilingHandler, NightlyRescanHandler, SealLogHandler];
