import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { projectRoot } from '@app/common';
import { isGeographySeeded, seedGeography } from '@app/geography';
import { EngagementEntity, seedDemoInfluencing, seedElectionRounds } from '@app/influencing';
import { createPlatformAdmin, removeDemoLogins, seedDemoPeople } from '@app/identity';
import { seedDemoEvents } from '@app/events';
import { seedDemoNetworks } from '@app/networks';
import { seedDemoOrganisations } from '@app/organisations';
import { generateMigration, pendingSchemaChanges } from './cli/migration-commands';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config';
import { resolveDatabase } from './database/database-url';
import { oneAtATime, prepareDatabase, withDataSource } from './database/prepare-database';
import { databaseSettings } from './database/persistence';
import { renderAuthorizationDoc } from './graphql/authorization/render-policy';
import { buildApiSchema, schemaText } from './graphql/print-schema';

const SCHEMA_FILE = (): string => join(projectRoot(), 'schema', 'schema.graphql');

const commands: Record<string, (args: string[]) => Promise<number>> = {
  migrate: () =>
    withDatabase(async (ds) => {
      const applied = await oneAtATime(ds, () => ds.runMigrations({ transaction: 'each' }));
      console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations');
      return 0;
    }),
  seed: (args) =>
    withDatabase(async (ds, config) => {
      const demo = wantsDemo(config, args);
      // Reloading the geography replaces every governance period, planned changes entered by admins too.
      if (args.includes('--reference') || !(await isGeographySeeded(ds.manager))) {
        console.log('Seeded reference geography', await seedGeography(ds.manager));
      } else {
        console.log('Reference geography present (pass --reference to reload it; planned governance changes are lost)');
      }
      console.log('Seeded election rounds', await seedElectionRounds(ds.manager));
      if (!demo) {
        console.log('No demo data (pass --demo or set SEED_DEMO=true to load it)');
        return 0;
      }
      console.log(
        'Seeded demo data',
        await seedDemoOrganisations(ds.manager),
        await seedDemoPeople(ds.manager),
        await seedDemoNetworks(ds.manager),
        await seedDemoEvents(ds.manager),
        (await ds.manager.count(EngagementEntity)) === 0 ? await seedDemoInfluencing(ds.manager) : 'influencing kept',
      );
      return 0;
    }),
  reset: (args) =>
    withDatabase(async (ds, config) => {
      const demo = wantsDemo(config, args);
      await ds.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await prepareDatabase(ds, { demo });
      console.log(`Database dropped, migrated and seeded (${demo ? 'with' : 'without'} demo data)`);
      return 0;
    }),
  'demo:remove': () =>
    withDatabase(async (ds) => {
      const { people } = await removeDemoLogins(ds.manager);
      console.log(people > 0 ? `Removed ${people} demo logins` : 'No demo logins present');
      return 0;
    }),
  'admin:create': (args) =>
    withDatabase(async (ds) => {
      const { values } = parseArgs({
        args,
        options: { email: { type: 'string' }, name: { type: 'string' }, hours: { type: 'string' } },
      });
      if (!values.email) {
        console.error('Usage: cli admin:create --email <address> [--name "Display name"] [--hours 24]');
        return 2;
      }
      const admin = await createPlatformAdmin(ds.manager, {
        email: values.email,
        displayName: values.name ?? 'Platform admin',
        hours: values.hours === undefined ? undefined : Number(values.hours),
      });
      // The token goes to the operator's terminal only: never to a logger.
      console.log(
        [
          `${admin.created ? 'Created' : 'Made'} platform admin ${values.email.trim().toLowerCase()}.`,
          `Set the password before ${admin.expiresAt.toISOString()} with this single-use token (shown once, stored only hashed):`,
          `token: ${admin.token}`,
          'through the API: mutation { setPasswordWithToken(input: { token: "<token>", password: "<12+ characters>" }) { person { email } } }',
        ].join('\n'),
      );
      return 0;
    }),
  'check-migrations': () =>
    withDatabase(async (ds) => {
      await ds.runMigrations({ transaction: 'each' });
      const { up } = await pendingSchemaChanges(ds);
      if (up.length > 0) {
        console.error(
          `The entities differ from the migrations; run \`npm run db:generate -- Name\`:\n${up.join(';\n')}`,
        );
        return 1;
      }
      console.log('Migrations match the entities');
      return 0;
    }),
  'generate-migration': ([name = '']) =>
    withDatabase(async (ds) => {
      await ds.runMigrations({ transaction: 'each' });
      const file = await generateMigration(ds, name);
      console.log(
        file
          ? `Wrote ${file}: read it, tidy it, and add it to libs/database/src/migrations/index.ts`
          : 'No schema changes',
      );
      return 0;
    }),
  'schema-generate': async () => {
    writeFileSync(SCHEMA_FILE(), schemaText(await buildApiSchema()));
    console.log(`Wrote ${SCHEMA_FILE()}`);
    return 0;
  },
  'authorization-doc': () => {
    writeFileSync(join(projectRoot(), 'docs', 'authorization.md'), renderAuthorizationDoc());
    console.log('Wrote docs/authorization.md');
    return Promise.resolve(0);
  },
  'schema-check': async () => {
    const expected = schemaText(await buildApiSchema());
    const actual = existsSync(SCHEMA_FILE()) ? readFileSync(SCHEMA_FILE(), 'utf8') : '';
    if (actual !== expected) {
      console.error('schema/schema.graphql differs from the code: run `npm run schema:generate` and commit it');
      return 1;
    }
    console.log('schema/schema.graphql matches the code');
    return 0;
  },
};

/** Demo data when asked for (`--demo`, SEED_DEMO) or by default in development on the embedded database. */
function wantsDemo(config: AppConfig, args: string[]): boolean {
  if (args.includes('--demo') && config.isProduction) {
    throw new ConfigError('--demo is refused with NODE_ENV=production: the demo logins have a published password');
  }
  return args.includes('--demo') || config.seedDemo;
}

async function withDatabase(work: (ds: DataSource, config: AppConfig) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const database = await resolveDatabase(config);
  try {
    return await withDataSource(databaseSettings(config, database.url), (ds) => work(ds, config));
  } finally {
    await database.embedded?.stop();
  }
}

async function run(): Promise<number> {
  Logger.overrideLogger(
    process.env.LOG_LEVEL === 'debug' ? ['log', 'warn', 'error', 'debug'] : ['log', 'warn', 'error'],
  );
  const [name = '', ...args] = process.argv.slice(2);
  const command = commands[name];
  if (!command) {
    console.error(`Usage: cli <${Object.keys(commands).join('|')}>`);
    return 2;
  }
  return command(args);
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof ConfigError || !(error instanceof Error)
        ? String(error instanceof Error ? error.message : error)
        : error.message,
    );
    process.exit(1);
  },
);
