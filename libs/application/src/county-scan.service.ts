import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { CountyFilingInput, FilingEvent, HistoryEvent } from '@app/domain';
import { checkCounty, checkHistory, COUNTY_RULES, filingStreamId, fold, HISTORY_RULES } from '@app/domain';
import type { PostgresEventStore, StoredEvent } from '@app/event-store';
import {
  claimCountyScan,
  claimFilingScan,
  countyStreamVersions,
  coversStreamVersion,
  domainEvent,
  filingScoring,
  findCounty,
  findRound,
  listFilingViews,
  listUnits,
  recordCountyScan,
  recordFilingScan,
} from '@app/projections';
import type { JobTrigger } from '@app/shared';
import { AppError } from '@app/shared';
import { FindingsService } from './findings.service';
import { inSnapshot, inTransaction } from './transaction';

export interface ScanReport {
  countyCode: string;
  year: number;
  filings: number;
  /** findings events appended by this scan (raised, updated, resolved) */
  changes: number;
}

/** What one job run did: `skipped` when a run of newer data already covered its trigger, `superseded` when one finished first. */
export type JobOutcome = { state: 'done'; changes: number; versionsTotal?: number } | { state: 'skipped' } | { state: 'superseded' };

export interface JobRunOptions {
  trigger?: JobTrigger | null;
  jobId?: string | null;
  /** run even when a newer run already covered the trigger (the nightly rescan: time-based rules) */
  force?: boolean;
}

const S_IDS = new Set(COUNTY_RULES.map((r) => r.id));
const A_IDS = new Set(HISTORY_RULES.map((r) => r.id));

function historyEventOf(e: StoredEvent): HistoryEvent {
  return {
    ...domainEvent<FilingEvent>(e),
    version: e.version,
    recordedAt: e.recordedAt,
    actor: { userId: e.metadata.actor.userId, role: e.metadata.actor.role },
    source: e.metadata.source,
    reason: e.metadata.reason ?? null,
  } as HistoryEvent;
}

/**
 * The rules that need the county or the history (groups S and A), recorded on each filing's findings
 * stream with the same lifecycle as the per-filing ones (each run touches only its own rules' findings).
 * The background jobs run `scanCounty` and `scanFiling`; `perfledger scan` runs both inline (`scan`).
 * Runs are idempotent and ordered by the stream versions they read, so a retried, duplicated or
 * overtaken job records nothing twice and never replaces newer findings with older ones.
 */
export class CountyScanService {
  private readonly findings: FindingsService;

  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
  ) {
    this.findings = new FindingsService(pool, store);
  }

  /** The statistical rules (S) over a county's filings of a year, from one consistent snapshot. */
  async scanCounty(countyCode: string, year: number, options: JobRunOptions = {}): Promise<JobOutcome> {
    const { trigger, jobId = null, force = false } = options;
    if (trigger && !force && (await coversStreamVersion(this.pool, 'county_scans', countyCode, year, trigger.streamId, trigger.version))) return { state: 'skipped' };
    const { from, loaded } = await inSnapshot(this.pool, async (client) => {
      if (!(await findCounty(client, countyCode))) throw new AppError('NotFound', 'county-not-found', `行政区划 ${countyCode} 不存在`, { field: 'countyCode' });
      const from = await countyStreamVersions(client, countyCode, year, ['filing']);
      return { from, loaded: await this.loadCounty(client, countyCode, year) };
    });
    const county = checkCounty({ filings: loaded.map((l) => l.input) });
    const correlationId = randomUUID();
    return inTransaction(this.pool, async (client) => {
      if (!(await claimCountyScan(client, countyCode, year, from))) return { state: 'superseded' } as const;
      let changes = 0;
      for (const { input, events } of loaded) {
        const ref = { countyCode, unitCode: input.unit.code, year };
        const found = county.filter((f) => f.unitCode === input.unit.code).map(({ unitCode, ...f }) => (void unitCode, f));
        const cause = { correlationId, causationId: events.at(-1)?.eventId ?? null };
        changes += (await this.findings.recordIn(client, ref, found, events.length, (id) => S_IDS.has(id), cause)).length;
      }
      await recordCountyScan(client, countyCode, year, from, jobId);
      return { state: 'done', changes, versionsTotal: from.total } as const;
    });
  }

  /** The history rules (A) over one filing; the filing's scan row serialises concurrent runs. */
  async scanFiling(ref: { countyCode: string; unitCode: string; year: number }, options: JobRunOptions & { version?: number } = {}): Promise<JobOutcome> {
    const { jobId = null, force = false } = options;
    const streamId = filingStreamId(ref.countyCode, ref.unitCode, ref.year);
    return inTransaction(this.pool, async (client) => {
      const scanned = await claimFilingScan(client, streamId);
      if (!force && options.version !== undefined && scanned >= options.version) return { state: 'skipped' } as const;
      const events = await this.store.readStream(streamId, { client });
      if (events.length === 0) return { state: 'skipped' } as const;
      const state = fold(events.map((e) => domainEvent<FilingEvent>(e)));
      const { template } = await filingScoring(client, state);
      const round = await findRound(client, ref.countyCode, ref.year);
      const found = checkHistory({ events: events.map(historyEventOf), deadline: round?.deadline ?? null, template });
      const cause = { correlationId: randomUUID(), causationId: events.at(-1)?.eventId ?? null };
      const recorded = await this.findings.recordIn(client, ref, found, events.length, (id) => A_IDS.has(id), cause);
      await recordFilingScan(client, streamId, events.length, jobId);
      return { state: 'done', changes: recorded.length } as const;
    });
  }

  /** Both groups over a county's year, inline (`perfledger scan`, the nightly rescan). */
  async scan(countyCode: string, year: number, onProgress?: (done: number, total: number) => void): Promise<ScanReport> {
    const county = await this.scanCounty(countyCode, year, { force: true });
    let changes = county.state === 'done' ? county.changes : 0;
    const views = await listFilingViews(this.pool, countyCode, year);
    for (const [i, v] of views.entries()) {
      const outcome = await this.scanFiling({ countyCode, unitCode: v.unitCode, year }, { force: true });
      if (outcome.state === 'done') changes += outcome.changes;
      onProgress?.(i + 1, views.length);
    }
    return { countyCode, year, filings: views.length, changes };
  }

  private async loadCounty(client: PoolClient, countyCode: string, year: number): Promise<{ input: CountyFilingInput; events: StoredEvent[] }[]> {
    const views = await listFilingViews(client, countyCode, year);
    const names = new Map((await listUnits(client, countyCode)).map((u) => [u.code, u.name]));
    const loaded: { input: CountyFilingInput; events: StoredEvent[] }[] = [];
    for (const v of views) {
      const events = await this.store.readStream(filingStreamId(countyCode, v.unitCode, year), { client });
      const state = fold(events.map((e) => domainEvent<FilingEvent>(e)));
      const scoring = await filingScoring(client, state);
      loaded.push({ input: { unit: { code: v.unitCode, name: names.get(v.unitCode) ?? v.unitCode }, state, score: scoring.score, template: scoring.template }, events });
    }
    return loaded;
  }
}
