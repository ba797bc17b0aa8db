import type { PoolClient } from 'pg';
import { Projection, StoredEvent, TransientProjectionError } from '@app/event-store';
import { countyYears } from '@app/projections';
import { countyScanJob, countySummaryJob, filingScanJob, JobRequest } from '@app/shared';

/** Where the reactor puts its jobs (a BullMQ queue in production; it must reject, not hang, while Redis is down). */
export interface JobSink {
  addBulk(requests: JobRequest[]): Promise<void>;
}

const FILING = /^(filing|findings)-(\d+)-(.+)-(\d{4})$/u;
const UNIT = /^unit-(\d+)-(.+)$/u;
const ROUND = /^round-(\d+)-(\d{4})$/u;

/**
 * Turns the log into jobs, checkpointed like any projection, with no transaction open while it enqueues
 * (`outsideTransaction`): the cursor moves only after the enqueue succeeded, so an enqueue that fails
 * (the queue's store down) leaves the cursor where it was and the batch is retried until the store returns. Job ids carry the causing stream's version (the last one of the stream in
 * the batch), so a replayed batch adds nothing twice and a later change still gets its own jobs.
 * - a filing's event: the county summary, the county's statistical scan, the filing's history scan;
 * - a findings event: the county summary (findings count in it);
 * - a unit's or a round's event: the summary of each year the county has (and a round its scan).
 */
export class JobReactor implements Projection {
  readonly name = 'job-reactor';
  readonly outsideTransaction = true;

  constructor(private readonly sink: JobSink) {}

  async handle(events: StoredEvent[], db: PoolClient): Promise<void> {
    const jobs = new Map<string, JobRequest>();
    const add = (job: JobRequest) => jobs.set(job.jobId, job);
    const years = new Map<string, number[]>();
    // one set of jobs per stream and batch, for its last version in the batch: the jobs read the
    // current read models, so the last version's jobs cover the earlier ones
    const last = new Map<string, StoredEvent>();
    for (const e of events) last.set(e.streamId, e);
    for (const e of last.values()) {
      const trigger = { streamId: e.streamId, version: e.version };
      const filing = FILING.exec(e.streamId);
      if (filing) {
        const [, kind, county, unit, yearText] = filing;
        const year = Number(yearText);
        add(countySummaryJob(county, year, trigger));
        if (kind === 'filing') {
          add(countyScanJob(county, year, trigger));
          add(filingScanJob(county, unit, year, e.version));
        }
        continue;
      }
      const round = ROUND.exec(e.streamId);
      if (round) {
        add(countySummaryJob(round[1], Number(round[2]), trigger));
        add(countyScanJob(round[1], Number(round[2]), trigger));
        continue;
      }
      const unit = UNIT.exec(e.streamId);
      if (unit) {
        const county = unit[1];
        if (!years.has(county)) years.set(county, await countyYears(db, county));
        for (const year of years.get(county)!) add(countySummaryJob(county, year, trigger));
      }
    }
    if (jobs.size === 0) return;
    try {
      await this.sink.addBulk([...jobs.values()]);
    } catch (error) {
      throw new TransientProjectionError(`could not enqueue ${jobs.size} job(s): ${(error as Error).message}`, { cause: error });
    }
  }
}
