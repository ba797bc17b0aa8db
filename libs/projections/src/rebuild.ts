import type { CountyEvent, FilingEvent, FindingEvent, RoundEvent, TemplateEvent, UnitEvent } from '@app/domain';
import { evolveCounty, evolveRound, evolveUnit, fold, foldFindings, initialCountyState, initialRoundState, initialUnitState } from '@app/domain';
import type { PostgresEventStore, SqlClient, StoredEvent } from '@app/event-store';
import { writeFilingView } from './filing-view.projection';
import { writeFinding } from './findings.projection';
import { writeRound, writeTemplateVersion } from './template-round.projection';
import { writeCounty, writeUnit } from './unit-directory.projection';

/** A stored event as the domain's `{type, data}` (schema version 1 is the only one so far). */
export function domainEvent<E extends { type: string; data: unknown }>(stored: StoredEvent): E {
  return { type: stored.type, data: stored.data } as E;
}

async function streamIds(db: SqlClient, prefix: string): Promise<string[]> {
  const { rows } = await db.query(`SELECT stream_id FROM perfledger.streams WHERE stream_id LIKE $1 ORDER BY stream_id`, [`${prefix}%`]);
  return rows.map((r) => r.stream_id as string);
}

/**
 * Rewrites every county, unit, template version, round and filing view from the event log (in that
 * order: later ones reference earlier ones). Idempotent; safe while commands run (each row is only replaced by an equal or
 * newer version).
 */
export async function rebuildReadModels(
  db: SqlClient,
  store: PostgresEventStore,
): Promise<{ counties: number; units: number; templates: number; rounds: number; filings: number; findings: number }> {
  const counts = { counties: 0, units: 0, templates: 0, rounds: 0, filings: 0, findings: 0 };
  for (const id of await streamIds(db, 'county-')) {
    const events = await store.readStream(id, { client: db });
    const state = events.reduce((s, e) => evolveCounty(s, domainEvent<CountyEvent>(e)), initialCountyState());
    await writeCounty(db, state, events.length);
    counts.counties++;
  }
  for (const id of await streamIds(db, 'unit-')) {
    const events = await store.readStream(id, { client: db });
    const state = events.reduce((s, e) => evolveUnit(s, domainEvent<UnitEvent>(e)), initialUnitState());
    await writeUnit(db, state, events.length, events[0].recordedAt);
    counts.units++;
  }
  for (const id of await streamIds(db, 'template-')) {
    for (const e of await store.readStream(id, { client: db })) {
      await writeTemplateVersion(db, domainEvent<TemplateEvent>(e).data, e.recordedAt);
      counts.templates++;
    }
  }
  for (const id of await streamIds(db, 'round-')) {
    const events = await store.readStream(id, { client: db });
    await writeRound(db, events.reduce((s, e) => evolveRound(s, domainEvent<RoundEvent>(e)), initialRoundState()), events.length);
    counts.rounds++;
  }
  for (const id of await streamIds(db, 'filing-')) {
    const events = await store.readStream(id, { client: db });
    await writeFilingView(db, id, fold(events.map((e) => domainEvent<FilingEvent>(e))), events.length);
    counts.filings++;
  }
  for (const id of await streamIds(db, 'findings-')) {
    const events = await store.readStream(id, { client: db });
    const m = /^findings-(\d+)-(.+)-(\d{4})$/u.exec(id);
    if (!m) continue;
    const filing = { countyCode: m[1], unitCode: m[2], year: Number(m[3]) };
    for (const f of foldFindings(events.map((e) => domainEvent<FindingEvent>(e))).values()) {
      await writeFinding(db, `filing-${filing.countyCode}-${filing.unitCode}-${filing.year}`, filing, f, events.length);
      counts.findings++;
    }
  }
  return counts;
}
