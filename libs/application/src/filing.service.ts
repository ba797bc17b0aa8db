import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { FilingCommand, FilingEvent, FilingState, Rule } from '@app/domain';
import { decide, evolve, figureChangesOf, figurePathsOf, filingStreamId, fold, PER_FILING_RULES } from '@app/domain';
import type { NewEvent, PostgresEventStore, SqlClient } from '@app/event-store';
import { domainEvent, findRound, findUnit, writeFigureChanges, writeFilingView } from '@app/projections';
import { AppError } from '@app/shared';
import type { CommandContext } from './command-context';
import { metadataOf, newCorrelationId } from './command-context';
import { toAppError } from './domain-errors';
import type { FilingRef } from './filing-ref';
import { FindingsService } from './findings.service';
import { inTransaction } from './transaction';


export interface FilingChange {
  type: FilingEvent['type'];
  version: number;
  /** the figure paths the event sets, named as at that moment */
  paths: string[];
}

export interface FilingCommandResult {
  streamId: string;
  /** the stream version after the command */
  version: number;
  /** events appended (0 when the command changed nothing) */
  appended: number;
  changes: FilingChange[];
  state: FilingState;
}

export interface ExecuteOptions {
  /** open the filing first when it does not exist yet (commands that edit figures do) */
  open?: boolean;
  /** the version the caller last read (HTTP If-Match): refused with PreconditionFailed (412) when the filing has moved on */
  ifVersion?: number;
}

/** Year bounds accepted for a filing. */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

export function validateYear(year: number): void {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) {
    throw new AppError('InvalidInput', 'invalid-year', `年度应为 ${YEAR_MIN}–${YEAR_MAX} 之间的整数，实为“${year}”`, { field: 'year', messageEn: `year must be a whole number between ${YEAR_MIN} and ${YEAR_MAX}` });
  }
}

/**
 * The filing's command handler: load the stream → fold → decide → append with the expected version,
 * and project the filing view in the same transaction. A version conflict re-runs the decision.
 */
export class FilingCommandHandler {
  private readonly findings: FindingsService;

  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    rules: readonly Rule[] = PER_FILING_RULES,
  ) {
    this.findings = new FindingsService(pool, store, rules);
  }

  async execute(ref: FilingRef, command: FilingCommand | FilingCommand[], context: CommandContext, options: ExecuteOptions = {}): Promise<FilingCommandResult> {
    return inTransaction(this.pool, (client) => this.executeIn(client, ref, command, context, options));
  }

  /** The same, inside the caller's transaction (a new unit and its first filing commit together). */
  async executeIn(client: PoolClient, ref: FilingRef, command: FilingCommand | FilingCommand[], context: CommandContext, options: ExecuteOptions = {}): Promise<FilingCommandResult> {
    validateYear(ref.year);
    const streamId = filingStreamId(ref.countyCode, ref.unitCode, ref.year);
    const stored = await this.store.readStream(streamId, { client });
    if (options.ifVersion !== undefined && options.ifVersion !== stored.length) {
      throw new AppError('PreconditionFailed', 'version-mismatch', `填报已被修改：您看到的是版本 ${options.ifVersion}，当前为版本 ${stored.length}，请刷新后重试`, {
        field: 'If-Match',
        details: { expected: options.ifVersion, actual: stored.length },
      });
    }
    const current = fold(stored.map((e) => domainEvent<FilingEvent>(e)));
    // The reason of the request is the reason of an adjustment it makes (recorded in the event's data too).
    const commands = (Array.isArray(command) ? command : [command]).map((c) =>
      (c.type === 'SetFigure' || c.type === 'AdjustBudget') && !c.reason ? { ...c, reason: context.reason ?? null } : c,
    );
    if (!current.opened) {
      if ((await findUnit(client, ref.countyCode, ref.unitCode))?.code !== ref.unitCode) {
        throw new AppError('NotFound', 'unit-not-found', `行政区划 ${ref.countyCode} 中没有编码为 ${ref.unitCode} 的单位`, { field: 'unit', messageEn: `no unit with code ${ref.unitCode} in county ${ref.countyCode}` });
      }
      if (options.open && commands[0]?.type !== 'OpenFiling') commands.unshift({ type: 'OpenFiling', ...ref });
    }
    let state = current;
    const events: FilingEvent[] = [];
    try {
      for (const c of commands) {
        for (const event of decide(c, state)) {
          events.push(event);
          state = evolve(state, event);
        }
      }
    } catch (error) {
      throw toAppError(error);
    }
    if (events.length === 0) return { streamId, version: stored.length, appended: 0, changes: [], state };
    // The first change after the county opens its round fixes the template version the filing is scored with.
    if (!state.template) {
      const round = await findRound(client, ref.countyCode, ref.year);
      if (round) {
        const assigned: FilingEvent = { type: 'FilingTemplateAssigned', data: { templateId: round.templateId, templateVersion: round.templateVersion, basis: 'round' } };
        events.splice(events[0].type === 'FilingOpened' ? 1 : 0, 0, assigned);
      }
    }
    // what each event sets, named as at that moment
    const changes: FilingChange[] = [];
    state = current;
    for (const event of events) {
      changes.push({ type: event.type, version: stored.length + changes.length + 1, paths: figurePathsOf(event, state) });
      state = evolve(state, event);
    }
    const correlationId = newCorrelationId(context);
    const metadata = metadataOf(context, correlationId);
    const newEvents: NewEvent[] = events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata }));
    const result = await this.store.append(streamId, newEvents, { expectedVersion: stored.length === 0 ? 'no-stream' : stored.length, client });
    const inputs = await writeFilingView(client, streamId, state, result.nextVersion);
    await writeFigureChanges(client, streamId, stored.length, figureChangesOf(current, events));
    // the rules run on the same figures in the same transaction: the next read shows the findings
    await this.findings.refreshIn(client, ref, state, result.nextVersion, inputs, { correlationId, causationId: newEvents[newEvents.length - 1].eventId });
    return { streamId, version: result.nextVersion, appended: events.length, changes, state };
  }

  /** The filing folded from its stream (as of a version, when given). */
  async load(db: SqlClient, ref: FilingRef, toVersion?: number): Promise<{ state: FilingState; version: number }> {
    const stored = await this.store.readStream(filingStreamId(ref.countyCode, ref.unitCode, ref.year), { client: db, toVersion });
    return { state: fold(stored.map((e) => domainEvent<FilingEvent>(e))), version: stored.length };
  }
}
