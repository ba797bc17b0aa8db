export * from './filing-view.projection';
export * from './unit-directory.projection';
export * from './rebuild';
