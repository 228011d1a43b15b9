import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseSettings } from '@app/database';
import { isGeographySeeded, seedGeography } from '@app/geography';
import { PersonEntity, seedDemoPeople } from '@app/identity';
import { EventEntity, seedDemoEvents } from '@app/events';
import { ElectionRoundEntity, EngagementEntity, seedDemoInfluencing, seedElectionRounds } from '@app/influencing';
import { LocalNetworkEntity, seedDemoNetworks } from '@app/networks';
import { OrganisationEntity, seedDemoOrganisations } from '@app/organisations';
import { entities } from './persistence';

/** Opens a short-lived connection for CLI work; the server uses Nest's own. */
export async function withDataSource<T>(settings: DatabaseSettings, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource({ ...dataSourceOptions(settings, entities), poolSize: 2 });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Brings a database up to date: pending migrations, then reference and demo data if missing. */
export async function prepareDatabase(dataSource: DataSource): Promise<void> {
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
