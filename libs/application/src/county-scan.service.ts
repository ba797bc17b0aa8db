import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { CountyFilingInput, FilingEvent, HistoryEvent } from '@app/domain';
import { checkCounty, checkHistory, COUNTY_RULES, filingStreamId, fold, HISTORY_RULES } from '@app/domain';
import type { PostgresEventStore, StoredEvent } from '@app/event-store';
import { domainEvent, filingScoring, findRound, listFilingViews, listUnits } from '@app/projections';
import { FindingsService } from './findings.service';
import { inTransaction } from './transaction';

export interface ScanReport {
  countyCode: string;
  year: number;
  filings: number;
  /** findings events appended by this scan (raised, updated, resolved) */
  changes: number;
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
 * The rules that need the county or the history (groups S and A): run over one county's filings for a
 * year, their findings recorded on each filing's findings stream with the same lifecycle as the per-filing
 * ones (each run touches only its own rules' findings). `perfledger scan` runs it inline; the background
 * jobs will run the same code.
 */
export class CountyScanService {
  private readonly findings: FindingsService;

  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
  ) {
    this.findings = new FindingsService(pool, store);
  }

  async scan(countyCode: string, year: number, onProgress?: (done: number, total: number) => void): Promise<ScanReport> {
    const views = await listFilingViews(this.pool, countyCode, year);
    const names = new Map((await listUnits(this.pool, countyCode)).map((u) => [u.code, u.name]));
    const round = await findRound(this.pool, countyCode, year);
    const correlationId = randomUUID();
    const loaded: { input: CountyFilingInput; events: StoredEvent[] }[] = [];
    for (const v of views) {
      const events = await this.store.readStream(filingStreamId(countyCode, v.unitCode, year));
      const state = fold(events.map((e) => domainEvent<FilingEvent>(e)));
      const scoring = await filingScoring(this.pool, state);
      loaded.push({ input: { unit: { code: v.unitCode, name: names.get(v.unitCode) ?? v.unitCode }, state, score: scoring.score, template: scoring.template }, events });
    }
    const county = checkCounty({ filings: loaded.map((l) => l.input) });
    let changes = 0;
    for (const [i, { input, events }] of loaded.entries()) {
      const ref = { countyCode, unitCode: input.unit.code, year };
      const s = county.filter((f) => f.unitCode === input.unit.code).map(({ unitCode, ...f }) => (void unitCode, f));
      const a = checkHistory({ events: events.map(historyEventOf), deadline: round?.deadline ?? null, template: input.template });
      changes += await inTransaction(this.pool, async (client) => {
        // the filing's version as these rules saw it; the appends are keyed on the findings stream's own version
        const version = events.length;
        const cause = { correlationId, causationId: events.at(-1)?.eventId ?? null };
        const sEvents = await this.findings.recordIn(client, ref, s, version, (id) => S_IDS.has(id), cause);
        const aEvents = await this.findings.recordIn(client, ref, a, version, (id) => A_IDS.has(id), cause);
        return sEvents.length + aEvents.length;
      });
      onProgress?.(i + 1, loaded.length);
    }
    return { countyCode, year, filings: loaded.length, changes };
  }
}
