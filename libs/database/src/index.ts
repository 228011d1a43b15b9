export * from './database-settings';
export * from './data-source-options';
export * from './live-pool';
export * from './snake-naming.strategy';
export * from './sql-logger';
export * from './embedded/embedded-postgres';
export { migrations } from './migrations';
export * from './sql-error';
export * from './database-unavailable';
