export * from './command-context';
export * from './domain-errors';
export * from './transaction';
export * from './filing.service';
export * from './unit.service';
export * from './application.cqrs';
export * from './template-round.service';
export * from './template-catalogue';
