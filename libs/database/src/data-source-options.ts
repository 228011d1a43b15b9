import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import type { DatabaseSettings } from './database-settings';
import { pgWithLivePool } from './live-pool';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { SqlLogger } from './sql-logger';
import { pgTypes } from './timestamptz';

export type PostgresDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
export type EntityList = MixedList<Function | string | EntitySchema>;

/** How much longer than the statement timeout the client waits for an answer before giving up itself. */
export const QUERY_TIMEOUT_MARGIN_MS = 5_000;

/**
 * TCP keepalive on every connection to PostgreSQL (pools, the LISTEN connection, the job queues): a
 * peer gone without a word (a failover, a NAT or firewall dropping an idle flow) is otherwise found
 * only by the next statement, and never by a connection that only listens.
 */
export const TCP_KEEPALIVE = { keepAlive: true, keepAliveInitialDelayMillis: 10_000 } as const;

/** The one place TypeORM is configured, for the server, the CLI and the tests alike. */
export function dataSourceOptions(settings: DatabaseSettings, entities: EntityList): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    driver: pgWithLivePool(settings.livePoolSize, settings.sidePoolSize),
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new SqlLogger(),
    maxQueryExecutionTime: settings.slowQueryMs,
    poolSize: settings.poolSize,
    connectTimeoutMS: settings.connectTimeoutMs,
    applicationName: settings.applicationName,
    extra: {
      ...TCP_KEEPALIVE,
      types: pgTypes,
      statement_timeout: settings.statementTimeoutMs,
      // PostgreSQL enforces the statement timeout only while it runs: one that stops answering
      // (frozen, or the network gone quiet) held a request, and its connection, for ever.
      query_timeout: settings.statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
      idle_in_transaction_session_timeout: settings.statementTimeoutMs * 2,
    },
  };
}
