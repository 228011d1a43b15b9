import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseSettings } from '@app/database';
import { isGeographySeeded, seedGeography } from '@app/geography';
import { findDemoLogins, PersonEntity, seedDemoPeople } from '@app/identity';
import { EventEntity, seedDemoEvents } from '@app/events';
import { ElectionRoundEntity, EngagementEntity, seedDemoInfluencing, seedElectionRounds } from '@app/influencing';
import { LocalNetworkEntity, seedDemoNetworks } from '@app/networks';
import { OrganisationEntity, seedDemoOrganisations } from '@app/organisations';
import type { AppConfig } from '../config/app-config';
import { databaseSettings, entities } from './persistence';

/** Opens a short-lived connection for CLI work; the server uses Nest's own. */
export async function withDataSource<T>(settings: DatabaseSettings, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource({ ...dataSourceOptions(settings, entities), poolSize: 3 });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export interface PrepareOptions {
  /** Also load the fictional demo data and its four logins (see the README). */
  readonly demo: boolean;
}

/**
 * Brings a database up to date: pending migrations, then the reference data (geography,
 * election rounds; specialisms come with their migration) if missing, and the demo data only
 * when asked for.
 */
export async function prepareDatabase(dataSource: DataSource, options: PrepareOptions): Promise<void> {
  const log = new Logger('Database');
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length > 0) {
    log.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  }
  if (!(await isGeographySeeded(dataSource.manager))) {
    const summary = await seedGeography(dataSource.manager);
    log.log(
      `Seeded reference geography: ${summary.policeForceAreas} police force areas, ` +
        `${summary.localAuthorities} local authorities, ${summary.communitySafetyPartnerships} CSPs`,
    );
  }
  if ((await dataSource.manager.count(ElectionRoundEntity)) === 0) {
    const rounds = await seedElectionRounds(dataSource.manager);
    log.log(`Seeded election rounds: ${rounds.rounds} rounds with ${rounds.contests} contests`);
  }
  if (options.demo) {
    await seedDemoData(dataSource, log);
  }
}

/** The fictional demo data set, each part loaded only where its table is still empty. */
async function seedDemoData(dataSource: DataSource, log: Logger): Promise<void> {
  if ((await dataSource.manager.count(OrganisationEntity)) === 0) {
    const demo = await seedDemoOrganisations(dataSource.manager);
    log.log(`Seeded demo data: ${demo.organisations} fictional organisations`);
  }
  if ((await dataSource.manager.count(LocalNetworkEntity)) === 0) {
    const demo = await seedDemoNetworks(dataSource.manager);
    log.log(`Seeded demo data: ${demo.networks} networks with ${demo.memberships} memberships`);
  }
  if ((await dataSource.manager.count(EventEntity)) === 0) {
    const demo = await seedDemoEvents(dataSource.manager);
    log.log(`Seeded demo data: ${demo.events} events`);
  }
  if ((await dataSource.manager.count(EngagementEntity)) === 0) {
    const demo = await seedDemoInfluencing(dataSource.manager);
    log.log(`Seeded demo data: ${demo.engagements} engagements with commissioners' offices`);
  }
  if ((await dataSource.manager.count(PersonEntity)) === 0) {
    const demo = await seedDemoPeople(dataSource.manager);
    log.log(`Seeded demo data: ${demo.people} demo logins (see the README)`);
  }
}

/** Arbitrary, fixed: the advisory lock that instances starting together take to migrate one after another. */
const MIGRATION_LOCK = 7_345_091_826;

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so that instances starting at once
 * migrate and seed in turn: the first applies the migrations, the others then find none pending.
 */
export async function oneAtATime<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await work();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await lock.release();
  }
}

/**
 * Refuses to serve a database without every migration of this release (an empty one, or one a
 * release behind): it would fail request by request on a missing table or column instead.
 */
export async function assertMigrated(dataSource: DataSource): Promise<void> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [{ present }] = await dataSource.query<{ present: boolean }[]>(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [table],
  );
  const applied = new Set(
    present ? (await dataSource.query<{ name: string }[]>(`SELECT name FROM "${table}"`)).map((row) => row.name) : [],
  );
  const pending = dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
  if (pending.length > 0) {
    const named =
      pending.length > 3 ? `${pending.slice(0, 3).join(', ')} and ${pending.length - 3} more` : pending.join(', ');
    throw new Error(
      `the database lacks ${pending.length} of this release's ${dataSource.migrations.length} migrations (${named}): ` +
        'run `node dist/apps/api/src/cli.js migrate` (once per release), or set DB_MIGRATE_ON_START=true',
    );
  }
}

/** Refuses a production start while logins with the README's published password exist. */
export async function assertNoDemoLogins(dataSource: DataSource): Promise<void> {
  const found = await findDemoLogins(dataSource.manager);
  if (found.length > 0) {
    throw new Error(
      `demo logins with a published password exist (${found.join(', ')}): remove them with ` +
        '`node dist/apps/api/src/cli.js demo:remove`, or set ALLOW_DEMO_LOGINS=true for a demo server',
    );
  }
}

/**
 * What a server does with its database before it serves: migrate and load missing reference
 * (and, where configured, demo) data when DB_MIGRATE_ON_START, and in production refuse the demo logins.
 */
export async function prepareForServing(config: AppConfig, url: string): Promise<void> {
  const guard = config.isProduction && config.ALLOW_DEMO_LOGINS !== true;
  await withDataSource(databaseSettings(config, url), async (dataSource) => {
    if (config.migrateOnStart) {
      await oneAtATime(dataSource, () => prepareDatabase(dataSource, { demo: config.seedDemo }));
    } else {
      await assertMigrated(dataSource);
    }
    if (guard) {
      await assertNoDemoLogins(dataSource);
    }
  });
}
