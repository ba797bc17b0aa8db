import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/shared';
import { createPool } from './database';
import { PostgresEventStore } from './postgres-event-store';
import { Sealer } from './sealer';
import { Verifier } from './verifier';

export const PG_POOL = Symbol('PG_POOL');

@Global()
@Module({
  providers: [
    {
      provide: PG_POOL,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createPool({
          connectionString: config.databaseUrl,
          appRole: config.databaseAppRole,
          max: config.databasePoolSize,
          applicationName: `perfledger-${process.env.PERFLEDGER_PROCESS ?? 'app'}`,
        }),
    },
    {
      provide: PostgresEventStore,
      inject: [PG_POOL, APP_CONFIG],
      useFactory: (pool: Pool, config: AppConfig) => new PostgresEventStore(pool, { preparedStatements: config.databasePreparedStatements }),
    },
    {
      provide: Sealer,
      inject: [PG_POOL, APP_CONFIG],
      useFactory: (pool: Pool, config: AppConfig) =>
        new Sealer(pool, { everyEvents: config.sealEveryEvents, everySeconds: config.sealEverySeconds }),
    },
    { provide: Verifier, inject: [PG_POOL], useFactory: (pool: Pool) => new Verifier(pool) },
  ],
  exports: [PG_POOL, PostgresEventStore, Sealer, Verifier],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
