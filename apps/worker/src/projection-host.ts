import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL, Projection, ProjectionRunner } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '@app/shared';

/** Every read model the worker keeps; later issues add theirs to this multi-provider list. */
export const PROJECTIONS = Symbol('PROJECTIONS');

/** Starts one runner per projection; the lease row decides which worker process is active. */
@Injectable()
export class ProjectionHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: ProjectionRunner[] = [];

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {}

  onApplicationBootstrap(): void {
    const names = new Set<string>();
    for (const projection of this.projections) {
      if (names.has(projection.name)) throw new Error(`two projections are named ${projection.name}`);
      names.add(projection.name);
      const runner = new ProjectionRunner(this.pool, projection, {
        batchSize: this.config.projectionBatchSize,
        pollMs: this.config.projectionPollMs,
        store: { preparedStatements: this.config.databasePreparedStatements },
        logger: { log: (m) => this.logger.log(m), warn: (m) => this.logger.warn(m), error: (m) => this.logger.error(m) },
      });
      runner.start();
      this.runners.push(runner);
    }
    this.logger.log(`${this.runners.length} projection runner(s) started`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }
}
