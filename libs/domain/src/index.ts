export * from './figure-path';
