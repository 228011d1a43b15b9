/** Connection settings for PostgreSQL; every limit explicit rather than a driver default. */
export interface DatabaseSettings {
  readonly url: string;
  /** Connections per API instance for requests. */
  readonly poolSize: number;
  /** Further connections per instance for live streams (see `pgWithLivePool`). */
  readonly livePoolSize: number;
  /** Further connections per instance for what transactions read beside themselves (see `pgWithLivePool`). */
  readonly sidePoolSize: number;
  /** How long to wait for a new connection before failing. */
  readonly connectTimeoutMs: number;
  /** Server-side cap on any one statement, so a runaway query cannot hold a connection. */
  readonly statementTimeoutMs: number;
  /** Statements slower than this are logged as warnings. */
  readonly slowQueryMs: number;
  readonly applicationName: string;
}

export const defaultDatabaseSettings: Omit<DatabaseSettings, 'url'> = {
  poolSize: 10,
  livePoolSize: 3,
  sidePoolSize: 3,
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 15_000,
  slowQueryMs: 500,
  applicationName: 'convene',
};
