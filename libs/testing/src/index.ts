export * from './test-postgres';
export * from './test-database';
export * from './sql-counter';
export * from './graphql-client';
export * from './event-loop';
export * from './eventually';
export * from './free-port';
export * from './flows-context';
