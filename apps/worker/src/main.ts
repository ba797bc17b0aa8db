import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig, runMigrations } from '@app/shared';
import { MIGRATIONS } from '../../../migrations';
import { WorkerModule } from './worker.module';

/** The worker: projection runners and the sealer; no HTTP. */
export async function bootstrapWorker(config: AppConfig = loadConfig(), options: { migrate?: boolean; shutdownHooks?: boolean } = {}): Promise<INestApplicationContext> {
  if (options.migrate !== false) await runMigrations(config.migrationDatabaseUrl, MIGRATIONS);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('PerfLedger worker started');
  return app;
}

if (require.main === module) {
  bootstrapWorker().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
