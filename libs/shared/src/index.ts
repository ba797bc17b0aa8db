export * from './errors/app-error';
export * from './config/app-config';
export * from './config/config.module';
export * from './database/run-migrations';
export * from './jobs/jobs';
export * from './jobs/redis-options';
export * from './jobs/jobs-queue.module';
