export * from './errors/app-error';
export * from './config/app-config';
export * from './config/config.module';
export * from './database/run-migrations';
