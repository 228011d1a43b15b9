export * from './database-settings';
export * from './data-source-options';
export * from './snake-naming.strategy';
export * from './sql-logger';
export * from './embedded/embedded-postgres';
export { migrations } from './migrations';
export * from './database-unavailable';
