import type { EntityManager } from 'typeorm';
import { CommunitySafetyPartnershipEntity } from '../community-safety-partnership/community-safety-partnership.entity';
import { Certainty, Country, GovernanceType, Region } from '../geography.enums';
import { GovernancePeriodEntity } from '../governance/governance-period.entity';
import { LocalAuthorityEntity } from '../local-authority/local-authority.entity';
import { PoliceForceAreaEntity } from '../police-force-area/police-force-area.entity';
import { readSeedCsv } from './read-csv';
import { seedId } from '@app/common';

export interface GeographySeedSummary {
  readonly policeForceAreas: number;
  readonly localAuthorities: number;
  readonly communitySafetyPartnerships: number;
  readonly governancePeriods: number;
}

const REGIONS: Record<string, Region> = {
  'North East': Region.NORTH_EAST,
  'North West': Region.NORTH_WEST,
  'Yorkshire and The Humber': Region.YORKSHIRE_AND_THE_HUMBER,
  'East Midlands': Region.EAST_MIDLANDS,
  'West Midlands': Region.WEST_MIDLANDS,
  'East of England': Region.EAST_OF_ENGLAND,
  London: Region.LONDON,
  'South East': Region.SOUTH_EAST,
  'South West': Region.SOUTH_WEST,
  Wales: Region.WALES,
};

export const policeForceAreaId = (code: string): string => seedId('police_force_area', code);
export const localAuthorityId = (code: string): string => seedId('local_authority', code);

/** True once the reference geography has been loaded. */
export async function isGeographySeeded(manager: EntityManager): Promise<boolean> {
  return (await manager.count(PoliceForceAreaEntity)) > 0;
}

/**
 * Loads the ONS reference geography from `seeds/geography` in one transaction.
 * Idempotent: ids derive from ONS codes, rows are upserted, and rows no longer in the
 * seed files are removed (which fails loudly if something references them).
 */
export async function seedGeography(manager: EntityManager): Promise<GeographySeedSummary> {
  const areas = readAreas();
  const authorities = readAuthorities();
  const { partnerships, links } = readPartnerships();
  const periods = readGovernancePeriods();
  assertPopulationsAddUp(areas, authorities);

  return manager.transaction(async (tx) => {
    await tx.upsert(PoliceForceAreaEntity, areas, ['id']);
    await tx.upsert(LocalAuthorityEntity, authorities, ['id']);
    await tx.upsert(CommunitySafetyPartnershipEntity, partnerships, ['id']);
    await tx.query('DELETE FROM local_authority_community_safety_partnership');
    await tx.query(
      `INSERT INTO local_authority_community_safety_partnership (local_authority_id, community_safety_partnership_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      [links.map((l) => l.localAuthorityId), links.map((l) => l.communitySafetyPartnershipId)],
    );
    await tx.query('DELETE FROM governance_period');
    await tx.insert(GovernancePeriodEntity, periods);
    await removeMissing(
      tx,
      'community_safety_partnership',
      partnerships.map((p) => p.id),
    );
    await removeMissing(
      tx,
      'local_authority',
      authorities.map((a) => a.id),
    );
    await removeMissing(
      tx,
      'police_force_area',
      areas.map((a) => a.id),
    );
    return {
      policeForceAreas: areas.length,
      localAuthorities: authorities.length,
      communitySafetyPartnerships: partnerships.length,
      governancePeriods: periods.length,
    };
  });
}

async function removeMissing(tx: EntityManager, table: string, keep: string[]): Promise<void> {
  await tx.query(`DELETE FROM ${table} WHERE NOT (id = ANY($1::uuid[]))`, [keep]);
}

function readAreas(): PoliceForceAreaEntity[] {
  return readSeedCsv('geography', 'pfa_governance_2024_2026.csv').map((row) => {
    const region = REGIONS[required(row, 'region')];
    if (!region) {
      throw new Error(`Unknown region "${row.region}" for ${row.pfa_code}`);
    }
    return {
      id: policeForceAreaId(required(row, 'pfa_code')),
      code: required(row, 'pfa_code'),
      name: required(row, 'pfa_name_ons'),
      displayName: required(row, 'pfa_display_name'),
      forceName: required(row, 'force_name'),
      policeUkForceId: required(row, 'police_uk_force_id'),
      country: enumValue(Country, required(row, 'country').toUpperCase()),
      region,
      population: integer(row, 'population_census2021'),
    };
  });
}

function readAuthorities(): LocalAuthorityEntity[] {
  return readSeedCsv('geography', 'lad24_pfa24_population_census2021.csv').map((row) => ({
    id: localAuthorityId(required(row, 'LAD24CD')),
    code: required(row, 'LAD24CD'),
    name: required(row, 'LAD24NM'),
    policeForceAreaId: policeForceAreaId(required(row, 'PFA24CD')),
    population: integer(row, 'census2021_usual_residents'),
  }));
}

function readPartnerships(): {
  partnerships: CommunitySafetyPartnershipEntity[];
  links: { localAuthorityId: string; communitySafetyPartnershipId: string }[];
} {
  const partnerships = new Map<string, CommunitySafetyPartnershipEntity>();
  const links: { localAuthorityId: string; communitySafetyPartnershipId: string }[] = [];
  for (const row of readSeedCsv('geography', 'ons_lad24_csp24_pfa24_lookup.csv')) {
    const code = required(row, 'CSP24CD');
    const id = seedId('community_safety_partnership', code);
    partnerships.set(code, {
      id,
      code,
      name: required(row, 'CSP24NM'),
      policeForceAreaId: policeForceAreaId(required(row, 'PFA24CD')),
    });
    links.push({ localAuthorityId: localAuthorityId(required(row, 'LAD24CD')), communitySafetyPartnershipId: id });
  }
  return { partnerships: [...partnerships.values()], links };
}

function readGovernancePeriods(): GovernancePeriodEntity[] {
  return readSeedCsv('geography', 'pfa_governance_periods.csv').map((row) => ({
    id: seedId('governance_period', `${required(row, 'pfa_code')}:${row.since ?? ''}`),
    policeForceAreaId: policeForceAreaId(required(row, 'pfa_code')),
    type: enumValue(GovernanceType, required(row, 'governance_type')),
    office: required(row, 'office'),
    since: row.since || null,
    until: row.until || null,
    certainty: enumValue(Certainty, required(row, 'certainty')),
    notes: row.notes || null,
  }));
}

function assertPopulationsAddUp(areas: PoliceForceAreaEntity[], authorities: LocalAuthorityEntity[]): void {
  for (const area of areas) {
    const sum = authorities
      .filter((a) => a.policeForceAreaId === area.id)
      .reduce((total, a) => total + a.population, 0);
    if (sum !== area.population) {
      throw new Error(`Seed files disagree: ${area.code} population ${area.population}, its authorities sum to ${sum}`);
    }
  }
}

function required(row: Record<string, string>, column: string): string {
  const value = row[column];
  if (!value) {
    throw new Error(`Seed row is missing ${column}: ${JSON.stringify(row)}`);
  }
  return value;
}

function integer(row: Record<string, string>, column: string): number {
  const value = Number(required(row, column));
  if (!Number.isSafeInteger(value)) {
    throw new Error(`Seed column ${column} is not an integer: ${row[column]}`);
  }
  return value;
}

function enumValue<E extends Record<string, string>>(values: E, value: string): E[keyof E] {
  if (!Object.values(values).includes(value)) {
    throw new Error(`Unexpected seed value "${value}"`);
  }
  return value as E[keyof E];
}
