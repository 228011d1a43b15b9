import * as pg from 'pg';
import { isLiveWork, isTransactionWork } from '@app/common';

/** Live work waits its turn rather than fail: a stream's replay may queue behind many others. */
const LIVE_WAIT_MS = 60_000;

type ConnectCallback = (
  error: Error | undefined,
  client: pg.PoolClient | undefined,
  release: (error?: Error | boolean) => void,
) => void;

/**
 * While a client is held, its errors are its holder's (TypeORM's query runner and pg-pool's `query`
 * listen while they hold one); one that arrives while a holder keeps it idle between statements
 * (PostgreSQL shutting down or restarting, the backend terminated) would be an unhandled 'error'
 * event and end the process. Each client keeps this listener for life: the client is unusable after
 * such an error, its holder's next statement fails, and the pool discards it when it comes back.
 */
const keepAlive = (client: pg.PoolClient): void => {
  client.on('error', () => undefined);
};

/**
 * node-postgres answers a statement past `query_timeout` with an error but leaves it running on the
 * connection, which goes back to the pool busy: every later statement on it waits behind it (and
 * times out too) for as long as PostgreSQL stays silent. Such a connection is closed instead, so the
 * pool discards it and a transaction's ROLLBACK fails at once rather than wait its turn.
 */
function closeOnReadTimeout(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const close = (error: unknown): void => {
    if (error instanceof Error && error.message === 'Query read timeout') {
      // Marks the client ending at once (the pool discards it when it comes back) and drops its socket.
      client.end().catch(() => undefined);
    }
  };
  client.query = ((...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) {
      result.catch(close);
    }
    return result;
  }) as typeof client.query;
}

/** What every client of the three pools gets once connected. */
const prepare = (client: pg.PoolClient): void => {
  keepAlive(client);
  closeOnReadTimeout(client);
};

/**
 * node-postgres for TypeORM's `driver` option, with two changes. Work marked live (`asLiveWork`:
 * subscriptions' set-up, replays, re-checks, fan-out reads) takes its connections from a second,
 * small pool, so however many live streams run, HTTP requests keep the main pool. The live pool
 * has the same settings but a longer wait, and shows in `pg_stat_activity` as `<application name>-live`.
 * And what a transaction's body (`asTransactionWork`) reads beside it, through another context's
 * service, takes a connection from a third (`-side`): each of those holds one for a statement, never
 * while it waits for another, so transactions filling the main pool always get their reads done (on
 * the main pool they all waited for a connection none would give back, until the connect timeout).
 */
export function pgWithLivePool(livePoolSize: number, sidePoolSize: number): typeof pg {
  class RoutedPool extends pg.Pool {
    /** Read by the metrics (`convene_db_extra_pool_connections`). */
    readonly live: pg.Pool;
    readonly side: pg.Pool;

    constructor(config: pg.PoolConfig = {}) {
      super(config);
      this.live = new pg.Pool({
        ...config,
        max: livePoolSize,
        connectionTimeoutMillis: config.connectionTimeoutMillis
          ? Math.max(config.connectionTimeoutMillis, LIVE_WAIT_MS)
          : config.connectionTimeoutMillis,
        application_name: `${config.application_name ?? 'convene'}-live`,
      });
      this.side = new pg.Pool({
        ...config,
        max: sidePoolSize,
        application_name: `${config.application_name ?? 'convene'}-side`,
      });
      for (const pool of [this.live, this.side]) {
        pool.on('error', (error, client) => this.emit('error', error, client));
        pool.on('connect', prepare);
      }
      this.on('connect', prepare);
    }

    override connect(): Promise<pg.PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
      if (isLiveWork()) {
        return callback ? this.live.connect(callback) : this.live.connect();
      }
      if (isTransactionWork()) {
        return callback ? this.side.connect(callback) : this.side.connect();
      }
      return callback ? super.connect(callback) : super.connect();
    }

    override end(): Promise<void>;
    override end(callback: () => void): void;
    override end(callback?: () => void): Promise<void> | void {
      const all = Promise.all([super.end(), this.live.end(), this.side.end()]).then(() => undefined);
      if (!callback) {
        return all;
      }
      void all.finally(callback);
    }
  }
  return Object.create(pg, { Pool: { value: RoutedPool, enumerable: true } }) as typeof pg;
}
