export * from './errors/app-error';
export * from './config/app-config';
export * from './database/run-migrations';
