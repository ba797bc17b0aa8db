import { Inject, Module } from '@nestjs/common';
import { CommandHandler, CqrsModule, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import type { FilingCommand } from '@app/domain';
import { PG_POOL, PostgresEventStore } from '@app/event-store';
import type { FilingViewRow, UnitRow } from '@app/projections';
import { listUnits, readFilingView } from '@app/projections';
import type { CommandContext } from './command-context';
import type { FilingRef } from './filing-ref';
import type { ExecuteOptions, FilingCommandResult } from './filing.service';
import { FilingCommandHandler } from './filing.service';
import type { RegisterUnitInput, RegisterUnitResult } from './unit.service';
import { AuditService } from './audit.service';
import { CountySummaryService } from './county-summary.service';
import { FindingsService } from './findings.service';
import { IdempotencyService } from './idempotency.service';
import { ImportService } from './import.service';
import { TEMPLATE_CATALOGUE } from './template-catalogue';
import { TemplateRoundHandler } from './template-round.service';
import { UserService } from './user.service';
import { UnitCommandHandler } from './unit.service';

/**
 * The filing model on @nestjs/cqrs's buses (command and query dispatch only: events are published by
 * the append, never in memory). The API sends these; the CLI calls the same handlers directly.
 */
export class ExecuteFilingCommand {
  constructor(
    readonly ref: FilingRef,
    readonly command: FilingCommand | FilingCommand[],
    readonly context: CommandContext,
    readonly options: ExecuteOptions = {},
  ) {}
}

export class RegisterCountyCommand {
  constructor(
    readonly code: string,
    readonly name: string,
    readonly context: CommandContext,
  ) {}
}

export class RegisterUnitCommand {
  constructor(
    readonly input: RegisterUnitInput,
    readonly context: CommandContext,
  ) {}
}

export class GetFilingViewQuery {
  constructor(readonly ref: FilingRef) {}
}

export class ListUnitsQuery {
  constructor(readonly countyCode?: string) {}
}

@CommandHandler(ExecuteFilingCommand)
export class ExecuteFilingCommandHandler implements ICommandHandler<ExecuteFilingCommand, FilingCommandResult> {
  constructor(private readonly filings: FilingCommandHandler) {}
  execute(c: ExecuteFilingCommand): Promise<FilingCommandResult> {
    return this.filings.execute(c.ref, c.command, c.context, c.options);
  }
}

@CommandHandler(RegisterCountyCommand)
export class RegisterCountyCommandHandler implements ICommandHandler<RegisterCountyCommand> {
  constructor(private readonly units: UnitCommandHandler) {}
  execute(c: RegisterCountyCommand) {
    return this.units.registerCounty(c.code, c.name, c.context);
  }
}

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitCommandHandler implements ICommandHandler<RegisterUnitCommand, RegisterUnitResult> {
  constructor(private readonly units: UnitCommandHandler) {}
  execute(c: RegisterUnitCommand): Promise<RegisterUnitResult> {
    return this.units.registerUnit(c.input, c.context);
  }
}

@QueryHandler(GetFilingViewQuery)
export class GetFilingViewQueryHandler implements IQueryHandler<GetFilingViewQuery, FilingViewRow | null> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}
  execute(q: GetFilingViewQuery): Promise<FilingViewRow | null> {
    return readFilingView(this.pool, q.ref.countyCode, q.ref.unitCode, q.ref.year);
  }
}

@QueryHandler(ListUnitsQuery)
export class ListUnitsQueryHandler implements IQueryHandler<ListUnitsQuery, UnitRow[]> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}
  execute(q: ListUnitsQuery): Promise<UnitRow[]> {
    return listUnits(this.pool, q.countyCode);
  }
}

/** Needs the global EventStoreModule (PG_POOL, PostgresEventStore). */
@Module({
  imports: [CqrsModule],
  providers: [
    { provide: FilingCommandHandler, inject: [PG_POOL, PostgresEventStore], useFactory: (pool: Pool, store: PostgresEventStore) => new FilingCommandHandler(pool, store) },
    { provide: UnitCommandHandler, inject: [PG_POOL, PostgresEventStore], useFactory: (pool: Pool, store: PostgresEventStore) => new UnitCommandHandler(pool, store) },
    { provide: TemplateRoundHandler, inject: [PG_POOL, PostgresEventStore], useFactory: (pool: Pool, store: PostgresEventStore) => new TemplateRoundHandler(pool, store, TEMPLATE_CATALOGUE) },
    ...[UserService, ImportService, FindingsService].map((service) => ({
      provide: service,
      inject: [PG_POOL, PostgresEventStore],
      useFactory: (pool: Pool, store: PostgresEventStore) => new service(pool, store),
    })),
    ...[AuditService, CountySummaryService, IdempotencyService].map((service) => ({ provide: service, inject: [PG_POOL], useFactory: (pool: Pool) => new service(pool) })),
    ExecuteFilingCommandHandler,
    RegisterCountyCommandHandler,
    RegisterUnitCommandHandler,
    GetFilingViewQueryHandler,
    ListUnitsQueryHandler,
  ],
  exports: [CqrsModule, FilingCommandHandler, UnitCommandHandler, UserService, ImportService, FindingsService, TemplateRoundHandler, AuditService, CountySummaryService, IdempotencyService],
})
export class ApplicationModule {}
