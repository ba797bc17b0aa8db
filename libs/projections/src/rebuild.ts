import type { CountyEvent, FilingEvent, UnitEvent } from '@app/domain';
import { evolveCounty, evolveUnit, fold, initialCountyState, initialUnitState } from '@app/domain';
import type { PostgresEventStore, SqlClient, StoredEvent } from '@app/event-store';
import { writeFilingView } from './filing-view.projection';
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
 * Rewrites every county, unit and filing view from the event log (counties first: units and views
 * reference them). Idempotent; safe while commands run (each row is only replaced by an equal or
 * newer version).
 */
export async function rebuildReadModels(db: SqlClient, store: PostgresEventStore): Promise<{ counties: number; units: number; filings: number }> {
  const counts = { counties: 0, units: 0, filings: 0 };
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
  for (const id of await streamIds(db, 'filing-')) {
    const events = await store.readStream(id, { client: db });
    await writeFilingView(db, id, fold(events.map((e) => domainEvent<FilingEvent>(e))), events.length);
    counts.filings++;
  }
  return counts;
}
