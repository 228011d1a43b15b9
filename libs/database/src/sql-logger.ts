import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { isBackgroundWork } from '@app/common';
import { redactSqlMessage } from './sql-error';

/** Tests only: in this process, never logged (parameters hold password and token hashes). */
export type SqlListener = (sql: string, parameters: readonly unknown[] | undefined) => void;

/**
 * TypeORM logger that sends failures and slow queries to the application log and lets
 * tests observe every statement (to assert how many SQL statements a request costs).
 */
export class SqlLogger implements TypeOrmLogger {
  private static readonly listeners = new Set<SqlListener>();
  private readonly logger = new NestLogger('SQL');

  /** Calls `listener` for every statement until the returned function is called. */
  static observe(listener: SqlListener): () => void {
    SqlLogger.listeners.add(listener);
    return () => SqlLogger.listeners.delete(listener);
  }

  logQuery(query: string, parameters?: unknown[]): void {
    if (isBackgroundWork()) {
      return; // no request's cost (statement counts measure requests)
    }
    for (const listener of SqlLogger.listeners) {
      listener(query, parameters);
    }
  }

  /** The statement's parameters are never logged: they hold password and token hashes. */
  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ err: redactSqlMessage(String(error)), query: clip(query) }, 'SQL statement failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, query: clip(query) }, 'slow SQL statement');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') {
      this.logger.warn(message);
    } else {
      this.logger.debug(message);
    }
  }
}

/** Bulk statements can be megabytes long; a log line needs only their start. */
function clip(sql: string): string {
  return sql.length > 500 ? `${sql.slice(0, 500)}… (${sql.length} chars)` : sql;
}
