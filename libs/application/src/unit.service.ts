import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { CountyEvent, FilingCommand, UnitEvent, UnitState } from '@app/domain';
import { countyStreamId, decideCounty, decideUnit, evolveCounty, evolveUnit, initialCountyState, initialUnitState, unitStreamId } from '@app/domain';
import type { PostgresEventStore } from '@app/event-store';
import { domainEvent, findCounty, writeCounty, writeUnit } from '@app/projections';
import { AppError } from '@app/shared';
import type { CommandContext } from './command-context';
import { metadataOf, newCorrelationId } from './command-context';
import { mapUniqueViolation, toAppError } from './domain-errors';
import type { FilingCommandHandler, FilingCommandResult } from './filing.service';
import { inTransaction } from './transaction';

export interface RegisterUnitInput {
  countyCode: string;
  /** generated (`U0001`, `U0002`, … in the county) when absent */
  code?: string | null;
  name: string;
  supervisingDepartment?: string | null;
  kind?: string;
}

export interface RegisterUnitResult {
  unit: UnitState;
  /** true when the code was generated */
  generatedCode: boolean;
  version: number;
}

/** Counties and units: load → fold → decide → append, with the directory read models in the same transaction. */
export class UnitCommandHandler {
  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
  ) {}

  async registerCounty(code: string, name: string, context: CommandContext): Promise<{ code: string; name: string; created: boolean }> {
    return inTransaction(this.pool, async (client) => {
      const streamId = countyStreamId(code);
      const stored = await this.store.readStream(streamId, { client });
      const state = stored.reduce((s, e) => evolveCounty(s, domainEvent<CountyEvent>(e)), initialCountyState());
      let events: CountyEvent[];
      try {
        events = decideCounty({ type: 'RegisterCounty', code, name }, state);
      } catch (error) {
        throw toAppError(error);
      }
      if (events.length === 0) return { code: state.code, name: state.name, created: false };
      const next = events.reduce(evolveCounty, state);
      const metadata = metadataOf(context, newCorrelationId(context));
      const result = await this.store.append(streamId, events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata })), {
        expectedVersion: stored.length === 0 ? 'no-stream' : stored.length,
        client,
      });
      await writeCounty(client, next, result.nextVersion);
      return { code: next.code, name: next.name, created: true };
    });
  }

  async registerUnit(input: RegisterUnitInput, context: CommandContext): Promise<RegisterUnitResult> {
    return inTransaction(this.pool, (client) => this.registerUnitIn(client, input, context));
  }

  /** A new unit and its first filing in one transaction: a failure leaves neither. */
  async registerUnitWithFiling(
    input: RegisterUnitInput,
    year: number,
    filing: FilingCommandHandler,
    commands: FilingCommand[],
    context: CommandContext,
  ): Promise<{ unit: RegisterUnitResult; filing: FilingCommandResult }> {
    return inTransaction(this.pool, async (client) => {
      const unit = await this.registerUnitIn(client, input, context);
      const result = await filing.executeIn(client, { countyCode: input.countyCode, unitCode: unit.unit.code, year }, commands, context, { open: true });
      return { unit, filing: result };
    });
  }

  async registerUnitIn(client: PoolClient, input: RegisterUnitInput, context: CommandContext): Promise<RegisterUnitResult> {
    if (!(await findCounty(client, input.countyCode))) {
      throw new AppError('NotFound', 'county-not-found', `行政区划 ${input.countyCode} 尚未登记，请先执行 perfledger county add ${input.countyCode} <名称>`, {
        field: 'county',
        messageEn: `county ${input.countyCode} is not registered; run perfledger county add first`,
      });
    }
    const generatedCode = !input.code;
    // concurrent registrations in a county (two imports of new units) take the next code one after the other
    if (generatedCode) await lockCounty(client, input.countyCode);
    const code = input.code || (await this.nextCode(client, input.countyCode));
    const streamId = unitStreamId(input.countyCode, code);
    const stored = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/u.test(code) ? await this.store.readStream(streamId, { client }) : [];
    const state = stored.reduce((s, e) => evolveUnit(s, domainEvent<UnitEvent>(e)), initialUnitState());
    let events: UnitEvent[];
    try {
      events = decideUnit(
        { type: 'RegisterUnit', countyCode: input.countyCode, code, name: input.name, supervisingDepartment: input.supervisingDepartment ?? null, kind: input.kind ?? 'administrative' },
        state,
      );
    } catch (error) {
      throw toAppError(error);
    }
    const next = events.reduce(evolveUnit, state);
    const metadata = metadataOf(context, newCorrelationId(context));
    const result = await this.store.append(streamId, events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata })), { expectedVersion: 'no-stream', client });
    try {
      await writeUnit(client, next, result.nextVersion, result.recordedAt);
    } catch (error) {
      throw mapUniqueViolation(error, next.name);
    }
    return { unit: next, generatedCode, version: result.nextVersion };
  }

  async updateUnit(countyCode: string, code: string, changes: { name?: string; supervisingDepartment?: string | null; kind?: string }, context: CommandContext): Promise<{ unit: UnitState; appended: number }> {
    return inTransaction(this.pool, async (client) => {
      const streamId = unitStreamId(countyCode, code);
      const stored = await this.store.readStream(streamId, { client });
      const state = stored.reduce((s, e) => evolveUnit(s, domainEvent<UnitEvent>(e)), initialUnitState());
      let events: UnitEvent[];
      try {
        events = decideUnit({ type: 'UpdateUnit', ...changes }, state);
      } catch (error) {
        throw toAppError(error);
      }
      if (events.length === 0) return { unit: state, appended: 0 };
      const next = events.reduce(evolveUnit, state);
      const metadata = metadataOf(context, newCorrelationId(context));
      const result = await this.store.append(streamId, events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata })), { expectedVersion: stored.length, client });
      try {
        await writeUnit(client, next, result.nextVersion, stored[0].recordedAt);
      } catch (error) {
        throw mapUniqueViolation(error, next.name);
      }
      return { unit: next, appended: events.length };
    });
  }

  /** `U0001`, `U0002`, …: one more than the highest generated code in the county. */
  private async nextCode(client: PoolClient, countyCode: string): Promise<string> {
    const { rows } = await client.query(
      `SELECT coalesce(max(substring(code FROM 2)::int), 0) + 1 AS next FROM perfledger.units WHERE county_code = $1 AND code ~ '^U[0-9]{1,9}$'`,
      [countyCode],
    );
    return `U${String(rows[0].next).padStart(4, '0')}`;
  }
}

/** Serialises the transactions that create units in one county (held to the end of the caller's transaction). */
export async function lockCounty(client: PoolClient, countyCode: string): Promise<void> {
  await client.query(`SELECT 1 FROM perfledger.counties c WHERE c.code = $1 FOR UPDATE`, [countyCode]);
}
