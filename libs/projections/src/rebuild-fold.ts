import type { CountyEvent, FilingEvent, FindingEvent, RoundEvent, TemplateEvent, UnitEvent, UserEvent } from '@app/domain';
import { evolveCounty, evolveRound, evolveUnit, figureChangesOf, fold, foldFindings, initialCountyState, initialFilingState, initialRoundState, initialUnitState, initialUserState, evolveUser, templateStreamId } from '@app/domain';
import type { PostgresEventStore, SqlClient, StoredEvent } from '@app/event-store';
import { replaceFigureChanges } from './figure-changes.projection';
import { writeFilingView } from './filing-view.projection';
import { writeFinding } from './findings.projection';
import { LIVE_SCHEMA, tableIn } from './read-model-tables';
import { writeRound, writeTemplateVersion } from './template-round.projection';
import { writeCounty, writeUnit } from './unit-directory.projection';
import { writeUser } from './users.projection';

/** A stored event as the domain's `{type, data}` (schema version 1 is the only one so far). */
export function domainEvent<E extends { type: string; data: unknown }>(stored: StoredEvent): E {
  return { type: stored.type, data: stored.data } as E;
}

/** Where a fold writes: the read models' schema, and where a filing view reads its template version from. */
export interface FoldTarget {
  schema: string;
  templatesSchema: string;
}

export const LIVE_TARGET: FoldTarget = { schema: LIVE_SCHEMA, templatesSchema: LIVE_SCHEMA };

/** A stream and the version it was folded at. */
export interface FoldedStream {
  streamId: string;
  version: number;
}

const FINDINGS_STREAM = /^findings-(\d+)-(.+)-(\d{4})$/u;

/**
 * Folds one stream, read from the log on `db`, into its read model in `target.schema` with the inline
 * writers (the same SQL, another schema). Returns every stream it folded at its version: usually this one;
 * a filing scored with a template version the shadow does not hold yet (published after the templates were
 * built) folds that template's stream first, so the view is scored as the inline projection scored it.
 */
export async function foldStream(db: SqlClient, store: PostgresEventStore, streamId: string, target: FoldTarget): Promise<FoldedStream[]> {
  const events = await store.readStream(streamId, { client: db });
  const folded: FoldedStream[] = [{ streamId, version: events.length }];
  if (events.length === 0) return folded;
  const version = events.length;
  if (streamId.startsWith('county-')) {
    await writeCounty(db, events.reduce((s, e) => evolveCounty(s, domainEvent<CountyEvent>(e)), initialCountyState()), version, target.schema);
  } else if (streamId.startsWith('unit-')) {
    const state = events.reduce((s, e) => evolveUnit(s, domainEvent<UnitEvent>(e)), initialUnitState());
    await writeUnit(db, state, version, events[0].recordedAt, target.schema);
  } else if (streamId.startsWith('template-')) {
    for (const e of events) await writeTemplateVersion(db, domainEvent<TemplateEvent>(e).data, e.recordedAt, target.schema);
  } else if (streamId.startsWith('round-')) {
    await writeRound(db, events.reduce((s, e) => evolveRound(s, domainEvent<RoundEvent>(e)), initialRoundState()), version, target.schema);
  } else if (streamId.startsWith('filing-')) {
    const state = fold(events.map((e) => domainEvent<FilingEvent>(e)));
    if (state.template && target.templatesSchema !== LIVE_SCHEMA) {
      const { rows } = await db.query(`SELECT 1 FROM ${tableIn(target.templatesSchema, 'templates')} WHERE template_id = $1 AND version = $2`, [
        state.template.templateId,
        state.template.templateVersion,
      ]);
      if (rows.length === 0) folded.push(...(await foldStream(db, store, templateStreamId(state.template.templateId), target)));
    }
    await writeFilingView(db, streamId, state, version, target.schema, target.templatesSchema);
    await replaceFigureChanges(db, streamId, figureChangesOf(initialFilingState(), events.map((e) => domainEvent<FilingEvent>(e))), target.schema);
  } else if (streamId.startsWith('user-')) {
    await writeUser(db, events.reduce((s, e) => evolveUser(s, domainEvent<UserEvent>(e)), initialUserState()), version, target.schema);
  } else if (streamId.startsWith('findings-')) {
    const m = FINDINGS_STREAM.exec(streamId);
    if (!m) return folded;
    const filing = { countyCode: m[1], unitCode: m[2], year: Number(m[3]) };
    for (const f of foldFindings(events.map((e) => domainEvent<FindingEvent>(e))).values()) {
      await writeFinding(db, `filing-${filing.countyCode}-${filing.unitCode}-${filing.year}`, filing, f, version, target.schema);
    }
  }
  return folded;
}
