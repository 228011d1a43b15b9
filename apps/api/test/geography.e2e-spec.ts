import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '@app/common';
import { countSql } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

interface Area {
  code: string;
  displayName: string;
  population: number;
  localAuthorities: { code: string; population: number }[];
}

/** England and Wales total, computed from the seed file rather than typed in. */
function seedPopulationTotal(): number {
  const csv = readFileSync(join(projectRoot(), 'seeds/geography/lad24_pfa24_population_census2021.csv'), 'utf8');
  const rows = parse<{ census2021_usual_residents: string }>(csv, { columns: true });
  return rows.reduce((sum, row) => sum + Number(row.census2021_usual_residents), 0);
}

describe('geography over GraphQL (HTTP)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it("answers the README's mayoral example with every area where a mayor holds the PCC functions", async () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    const example = [...readme.matchAll(/^```graphql\n([\s\S]*?)^```/gm)]
      .map((m) => m[1] ?? '')
      .find((block) => block.includes('mayoral:'));
    expect(example).toBeDefined();
    const answer = await sut.client.data<Record<string, { displayName: string }[]>>(example ?? '');
    const fromExample = Object.entries(answer)
      .filter(([alias]) => alias.startsWith('mayoral'))
      .flatMap(([, areas]) => areas.map((a) => a.displayName))
      .sort();
    const { policeForceAreas } = await sut.client.data<{
      policeForceAreas: { displayName: string; currentGovernance: { type: string } | null }[];
    }>('{ policeForceAreas { displayName currentGovernance { type } } }');
    const mayoral = policeForceAreas
      .filter((a) => a.currentGovernance?.type.startsWith('MAYOR_'))
      .map((a) => a.displayName)
      .sort();
    expect(mayoral).toContain('North Yorkshire'); // York and North Yorkshire's mayor, with the fire functions too
    expect(fromExample).toEqual(mayoral);
  });

  it('answers all 43 areas with their 318 authorities, whose populations sum to the England and Wales total', async () => {
    const data = await sut.client.data<{ policeForceAreas: Area[] }>(
      '{ policeForceAreas { code displayName population localAuthorities { code population } } }',
    );
    const areas = data.policeForceAreas;
    const authorities = areas.flatMap((a) => a.localAuthorities);
    expect(areas).toHaveLength(43);
    expect(authorities).toHaveLength(318);
    expect(new Set(authorities.map((a) => a.code)).size).toBe(318);
    expect(authorities.reduce((sum, a) => sum + a.population, 0)).toBe(seedPopulationTotal());
    for (const area of areas) {
      expect(area.localAuthorities.reduce((sum, a) => sum + a.population, 0)).toBe(area.population);
    }
    expect(areas.find((a) => a.code === 'E23000001')?.population).toBe(8_791_400);
    expect(areas.find((a) => a.code === 'E23000034')?.population).toBe(8_600);
  });

  it('costs a constant number of SQL statements for areas with their authorities, and authorities with their area', async () => {
    const areas = await countSql(() =>
      sut.client.data(
        '{ policeForceAreas { code governance { type } currentGovernance { type } localAuthorities { code communitySafetyPartnerships { code } } } }',
      ),
    );
    const authorities = await countSql(() =>
      sut.client.data('{ localAuthorities { code policeForceArea { code currentGovernance { type } } } }'),
    );
    const areasOnly = await countSql(() => sut.client.data('{ policeForceAreas { code localAuthorities { code } } }'));
    const authoritiesOnly = await countSql(() =>
      sut.client.data('{ localAuthorities { code policeForceArea { code } } }'),
    );

    // The response cache's version read, then one statement for the list and one per nested level,
    // whatever the number of rows.
    expect(areasOnly.statements).toHaveLength(1 + 2);
    expect(authoritiesOnly.statements).toHaveLength(1 + 2);
    expect(areas.statements).toHaveLength(1 + 4);
    expect(authorities.statements).toHaveLength(1 + 3);
  });

  it.each([
    ['E23000001', 'MAYOR_PCC_FUNCTIONS', /MOPAC/, '2012-01-16'],
    ['E23000005', 'MAYOR_PCC_FUNCTIONS', /Greater Manchester/, '2017-05-08'],
    ['E23000010', 'MAYOR_PCC_FUNCTIONS', /West Yorkshire/, '2021-05-10'],
    ['E23000011', 'MAYOR_PCC_FUNCTIONS', /South Yorkshire/, '2024-05-07'],
    ['E23000009', 'MAYOR_PFCC_FUNCTIONS', /York and North Yorkshire/, '2024-05-07'],
    ['E23000028', 'PFCC', /Essex/, '2017-10-01'],
    ['E23000002', 'PFCC', /Cumbria/, '2023-04-01'],
    ['E23000034', 'CITY_OF_LONDON_POLICE_AUTHORITY', /Common Council/, null],
    ['W15000004', 'PCC', /Dyfed-Powys/, '2012-11-22'],
  ])('knows who governs %s today: %s', async (code, type, office, since) => {
    const data = await sut.client.data<{
      policeForceArea: { currentGovernance: { type: string; office: string; since: string | null } };
    }>('query ($code: String!) { policeForceArea(code: $code) { currentGovernance { type office since until } } }', {
      code,
    });
    expect(data.policeForceArea.currentGovernance).toMatchObject({ type, since, until: null });
    expect(data.policeForceArea.currentGovernance.office).toMatch(office);
  });

  it('keeps governance history, e.g. South Yorkshire had a PCC on the 2021 election day and Cumbria a PFCC after April 2023', async () => {
    const data = await sut.client.data<Record<string, { governance: { type: string }[]; on: { type: string } }>>(`{
      sy: policeForceArea(code: "E23000011") { governance { type since until } on: governanceOn(date: "2021-05-06") { type } }
      cu: policeForceArea(code: "E23000002") { governance { type since until } on: governanceOn(date: "2023-04-01") { type } }
    }`);
    expect(data.sy?.governance.map((g) => g.type)).toEqual(['PCC', 'MAYOR_PCC_FUNCTIONS']);
    expect(data.sy?.on.type).toBe('PCC');
    expect(data.cu?.on.type).toBe('PFCC');
  });

  it('filters areas by country, region and current governance type', async () => {
    const data = await sut.client.data<Record<string, { code: string }[]>>(`{
      wales: policeForceAreas(filter: { country: WALES }) { code }
      london: policeForceAreas(filter: { region: LONDON }) { code }
      pfcc: policeForceAreas(filter: { governanceType: PFCC }) { code }
      mayors: policeForceAreas(filter: { governanceType: MAYOR_PCC_FUNCTIONS, country: ENGLAND }) { code }
    }`);
    expect(data.wales?.map((a) => a.code).sort()).toEqual(['W15000001', 'W15000002', 'W15000003', 'W15000004']);
    expect(data.london?.map((a) => a.code).sort()).toEqual(['E23000001', 'E23000034']);
    expect(data.pfcc?.map((a) => a.code).sort()).toEqual(['E23000002', 'E23000015', 'E23000022', 'E23000028']);
    expect(data.mayors?.map((a) => a.code).sort()).toEqual(['E23000001', 'E23000005', 'E23000010', 'E23000011']);
  });

  it('finds authorities by area and by name, with their area and community safety partnerships', async () => {
    const data = await sut.client.data<
      Record<
        string,
        {
          code: string;
          name: string;
          policeForceArea: { code: string };
          communitySafetyPartnerships: { code: string }[];
        }[]
      >
    >(`{
      gwent: localAuthorities(filter: { policeForceAreaCode: "W15000002" }) { code name policeForceArea { code } communitySafetyPartnerships { code } }
      york: localAuthorities(filter: { nameContains: "YORK" }) { code name policeForceArea { code } communitySafetyPartnerships { code } }
      literal: localAuthorities(filter: { nameContains: "%" }) { code name policeForceArea { code } communitySafetyPartnerships { code } }
      bucks: localAuthorities(filter: { nameContains: "Buckinghamshire" }) { code name policeForceArea { code } communitySafetyPartnerships { code } }
    }`);
    expect(data.gwent).toHaveLength(5);
    expect(data.gwent?.every((a) => a.policeForceArea.code === 'W15000002')).toBe(true);
    expect(data.york?.map((a) => a.name)).toEqual(['East Riding of Yorkshire', 'North Yorkshire', 'York']);
    expect(data.literal).toEqual([]);
    expect(data.bucks?.[0]?.communitySafetyPartnerships).toHaveLength(4);
  });

  it('answers NOT_FOUND for an unknown but well-formed code', async () => {
    const { data, errors } = await sut.client.request('{ policeForceArea(code: "E23000099") { code } }');
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const authority = await sut.client.request('{ localAuthority(code: "E06000999") { code } }');
    expect(authority.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers BAD_USER_INPUT naming the field for a malformed code', async () => {
    const { errors, status } = await sut.client.request(
      'query ($code: String!) { policeForceArea(code: $code) { code } }',
      {
        code: 'Gwent',
      },
    );
    expect(status).toBe(200);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.fields?.[0]?.field).toBe('code');
    const nested = await sut.client.request('{ localAuthorities(filter: { policeForceAreaCode: "E99" }) { code } }');
    expect(nested.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('filter.policeForceAreaCode');
  });

  it('serves the schema that is committed in schema/schema.graphql', async () => {
    const { GraphQLSchemaHost } = await import('@nestjs/graphql');
    const { schemaText } = await import('../src/graphql/print-schema');
    const live = schemaText(sut.app.get(GraphQLSchemaHost).schema);
    expect(live).toBe(readFileSync(join(projectRoot(), 'schema/schema.graphql'), 'utf8'));
  });
});
