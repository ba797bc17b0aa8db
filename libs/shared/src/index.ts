export * from './errors/app-error';
export * from './config/app-config';
export * from './config/config.module';
export * from './database/run-migrations';
export * from './jobs/jobs';
export * from './jobs/redis-options';
export * from './jobs/jobs-queue.module';
export * from './jobs/queue-connection';
// Loads no PGlite at import time: it starts in a worker thread only when startEmbeddedPostgres is called.
export * from './embedded/embedded-postgres';
