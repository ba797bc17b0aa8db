import { createHash, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Finding, FilingState, FindingEvent, FindingReviewCommand, FindingsState, Rule } from '@app/domain';
import { checkFiling, decideFindingReview, FindingError, filingStreamId, findingKey, findingsStreamId, foldFindings, reconcileFindings, PER_FILING_RULES } from '@app/domain';
import type { EventMetadata, PostgresEventStore, SqlClient, StoredEvent } from '@app/event-store';
import type { FilingViewInputs, FindingRow } from '@app/projections';
import { domainEvent, findFinding, writeFinding } from '@app/projections';
import { AppError } from '@app/shared';
import type { CommandContext } from './command-context';
import { metadataOf, newCorrelationId } from './command-context';
import type { FilingRef } from './filing-ref';
import { inTransaction } from './transaction';

/** The actor of findings the rules raise and resolve. */
export const RULES_ACTOR = { userId: 'system:rules', role: 'system' } as const;

/** A finding's id: stable for its filing, rule, table and cells (16 hex characters). */
export function findingIdOf(ref: FilingRef, finding: { ruleId: string; table: string; paths: string[] }): string {
  return createHash('sha256').update(`${filingStreamId(ref.countyCode, ref.unitCode, ref.year)}|${findingKey(finding)}`).digest('hex').slice(0, 16);
}

/**
 * Findings: the rules run in the transaction of every change of a filing (so a filer sees them on the
 * next read, with no worker), their changes are events on `findings-<county>-<unit>-<year>` caused by
 * the filing's change, and a reviewer acknowledges or dismisses them with a reason.
 */
export class FindingsService {
  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    private readonly rules: readonly Rule[] = PER_FILING_RULES,
  ) {}

  /** Re-runs the rules on `state` (at `filingVersion`) and records what changed. */
  async refreshIn(client: PoolClient, ref: FilingRef, state: FilingState, filingVersion: number, inputs: FilingViewInputs, cause: { correlationId: string; causationId: string | null }): Promise<FindingEvent[]> {
    const fresh = checkFiling({ state, figures: inputs.figures, computed: inputs.computed, score: inputs.score, template: inputs.template }, this.rules);
    const ruleIds = new Set(this.rules.map((r) => r.id));
    return this.recordIn(client, ref, fresh, filingVersion, (ruleId) => ruleIds.has(ruleId), cause);
  }

  /**
   * Records what a run of some rules (`covers` says which) raised on one filing at `filingVersion`:
   * raised, updated, resolved — the findings of other rules are left as they are. Used by the per-filing
   * run above and by the county and history scans.
   */
  async recordIn(
    client: PoolClient,
    ref: FilingRef,
    findings: Finding[],
    filingVersion: number,
    covers: (ruleId: string) => boolean,
    cause: { correlationId: string; causationId: string | null },
  ): Promise<FindingEvent[]> {
    const fresh = findings.map((f) => ({ ...f, findingId: findingIdOf(ref, f) }));
    const streamId = findingsStreamId(ref.countyCode, ref.unitCode, ref.year);
    const stored = await this.store.readStream(streamId, { client });
    const current = foldFindings(stored.map((e) => domainEvent<FindingEvent>(e)));
    const events = reconcileFindings(current, fresh, filingVersion, covers);
    if (events.length === 0) return [];
    const metadata: EventMetadata = { actor: { ...RULES_ACTOR }, reason: null, source: 'system', correlationId: cause.correlationId, causationId: cause.causationId };
    await this.append(client, ref, streamId, stored.length, current, events, metadata);
    return events;
  }

  /** A reviewer acknowledges or dismisses a finding, with a reason. */
  async review(command: FindingReviewCommand, context: CommandContext): Promise<FindingRow> {
    return inTransaction(this.pool, async (client) => {
      const row = await findFinding(client, command.findingId);
      if (!row) throw new AppError('NotFound', 'finding-not-found', `核验发现 ${command.findingId} 不存在`, { field: 'findingId' });
      const ref = { countyCode: row.countyCode, unitCode: row.unitCode, year: row.year };
      const streamId = findingsStreamId(ref.countyCode, ref.unitCode, ref.year);
      const stored = await this.store.readStream(streamId, { client });
      const current = foldFindings(stored.map((e) => domainEvent<FindingEvent>(e)));
      let events: FindingEvent[];
      try {
        events = decideFindingReview(command, current);
      } catch (error) {
        if (error instanceof FindingError) throw new AppError(error.kind, error.code, error.message, { field: error.field, messageEn: error.messageEn });
        throw error;
      }
      if (events.length > 0) await this.append(client, ref, streamId, stored.length, current, events, metadataOf(context, newCorrelationId(context)));
      return (await findFinding(client, command.findingId)) as FindingRow;
    });
  }

  /**
   * The findings of a filing as they stood at a moment (ISO time) or right after a filing version: the
   * rules' events up to that version, and the reviews made before the filing's next change.
   */
  async asOf(db: SqlClient, ref: FilingRef, at: { time?: string; version?: number }): Promise<FindingsState> {
    const stored = await this.store.readStream(findingsStreamId(ref.countyCode, ref.unitCode, ref.year), { client: db });
    let reviewsBefore: string | null = null;
    if (at.version !== undefined) {
      const [next] = await this.store.readStream(filingStreamId(ref.countyCode, ref.unitCode, ref.year), { client: db, fromVersion: at.version + 1, toVersion: at.version + 1 });
      reviewsBefore = next?.recordedAt ?? null;
    }
    const kept = stored.filter((e) => {
      if (at.time !== undefined && e.recordedAt > at.time) return false;
      if (at.version === undefined) return true;
      const v = (e.data as { filingVersion?: number }).filingVersion;
      return v !== undefined ? v <= at.version : reviewsBefore === null || e.recordedAt < reviewsBefore;
    });
    return foldFindings(kept.map((e) => domainEvent<FindingEvent>(e)));
  }

  /** Every event of one finding, oldest first: raised, updated, resolved, reviewed — with who and when. */
  async history(db: SqlClient, findingId: string): Promise<{ row: FindingRow; events: StoredEvent[] }> {
    const row = await findFinding(db, findingId);
    if (!row) throw new AppError('NotFound', 'finding-not-found', `核验发现 ${findingId} 不存在`, { field: 'findingId' });
    const stored = await this.store.readStream(findingsStreamId(row.countyCode, row.unitCode, row.year), { client: db });
    return { row, events: stored.filter((e) => (e.data as { findingId: string }).findingId === findingId) };
  }

  private async append(client: PoolClient, ref: FilingRef, streamId: string, version: number, current: FindingsState, events: FindingEvent[], metadata: EventMetadata): Promise<void> {
    const result = await this.store.append(streamId, events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata })), {
      expectedVersion: version === 0 ? 'no-stream' : version,
      client,
    });
    const after = foldFindings(events, current);
    const changed = new Set(events.map((e) => e.data.findingId));
    for (const id of changed) await writeFinding(client, filingStreamId(ref.countyCode, ref.unitCode, ref.year), ref, after.get(id)!, result.nextVersion);
  }
}
