export * from './filing-view.projection';
export * from './unit-directory.projection';
export * from './rebuild';
export * from './template-round.projection';
export * from './filing-scoring';
export * from './findings.projection';
export * from './county-summary.query';
