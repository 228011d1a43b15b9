import * as pg from 'pg';
import { isLiveWork } from '@app/common';

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
 * node-postgres for TypeORM's `driver` option, with one change: work marked live (`asLiveWork`:
 * subscriptions' set-up, replays, re-checks, fan-out reads) takes its connections from a second,
 * small pool, so however many live streams run, HTTP requests keep the main pool. The live pool
 * has the same settings but a longer wait, and shows in `pg_stat_activity` as `<application name>-live`.
 */
export function pgWithLivePool(livePoolSize: number): typeof pg {
  class RoutedPool extends pg.Pool {
    private readonly live: pg.Pool;

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
      this.live.on('error', (error, client) => this.emit('error', error, client));
      this.on('connect', keepAlive);
      this.live.on('connect', keepAlive);
    }

    override connect(): Promise<pg.PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
      if (isLiveWork()) {
        return callback ? this.live.connect(callback) : this.live.connect();
      }
      return callback ? super.connect(callback) : super.connect();
    }

    override end(): Promise<void>;
    override end(callback: () => void): void;
    override end(callback?: () => void): Promise<void> | void {
      const both = Promise.all([super.end(), this.live.end()]).then(() => undefined);
      if (!callback) {
        return both;
      }
      void both.finally(callback);
    }
  }
  return Object.create(pg, { Pool: { value: RoutedPool, enumerable: true } }) as typeof pg;
}
