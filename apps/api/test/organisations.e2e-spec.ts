import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoOrganisationId } from '@app/organisations';
import { countSql } from '@app/testing';
import { startTestApp, type TestApp } from './support/test-app';

interface Page {
  organisations: {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    edges: { cursor: string; node: { id: string; name: string; kind: string } }[];
  };
}

const PAGE = `query ($first: Int, $after: String, $filter: OrganisationFilter) {
  organisations(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id name kind } }
  }
}`;

describe('organisations over GraphQL', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('pages through all organisations by name with cursors, no item twice or missed', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const totals = new Set<number>();
    let last: string | null;
    do {
      const { organisations }: Page = await sut.client.data<Page>(PAGE, { first: 7, after });
      totals.add(organisations.totalCount);
      seen.push(...organisations.edges.map((e) => e.node.name));
      last = organisations.pageInfo.endCursor;
      after = organisations.pageInfo.hasNextPage ? organisations.pageInfo.endCursor : null;
    } while (after);
    expect([...totals]).toEqual([31]); // every page counts the whole list
    expect(seen).toHaveLength(31);
    // Past the end: no row to carry the count, which is still the whole list's.
    const past = (await sut.client.data<Page>(PAGE, { first: 7, after: last })).organisations;
    expect(past.edges).toEqual([]);
    expect(past.totalCount).toBe(31);
    expect(new Set(seen).size).toBe(31);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters by kind, specialism, local authority, police force area and name', async () => {
    const count = async (filter: Record<string, string>): Promise<number> =>
      (await sut.client.data<Page>(PAGE, { filter, first: 100 })).organisations.totalCount;
    expect(await count({ kind: 'CVS' })).toBe(14); // one per local authority of Gwent, Cleveland, Merseyside
    expect(await count({ kind: 'NATIONAL_PARTNER' })).toBe(5);
    expect(await count({ specialism: 'WOMEN' })).toBe(4);
    expect(await count({ servesPoliceForceAreaCode: 'W15000002' })).toBe(9);
    expect(await count({ servesLocalAuthorityCode: 'W06000022', kind: 'CVS' })).toBe(1);
    expect(await count({ nameContains: 'newport' })).toBeGreaterThanOrEqual(1);
    expect(await count({ nameContains: '%' })).toBe(0); // a wildcard is only itself
    expect(await count({ nameContains: '_' })).toBe(0);
    expect(await count({ servesPoliceForceAreaCode: 'E23000001' })).toBe(0);
  });

  it('refuses a filter on a specialism that does not exist, rather than answering none', async () => {
    const { errors } = await sut.client.request(PAGE, { filter: { specialism: 'NOT_A_THING' }, first: 10 });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.fields?.[0]?.field).toBe('filter.specialism');
  });

  it('answers one organisation with its specialisms and local authorities', async () => {
    const data = await sut.client.data<{
      organisation: {
        name: string;
        kind: string;
        specialisms: { code: string }[];
        localAuthorities: { code: string }[];
      };
    }>(
      `query ($id: ID!) { organisation(id: $id) { name kind specialisms { code label } localAuthorities { code policeForceArea { code } } } }`,
      { id: demoOrganisationId('cvs:W06000022') },
    );
    expect(data.organisation).toMatchObject({ name: 'Newport Voluntary Action (demo)', kind: 'CVS', specialisms: [] });
    expect(data.organisation.localAuthorities).toEqual([{ code: 'W06000022', policeForceArea: { code: 'W15000002' } }]);
    const partner = await sut.client.data<{
      organisation: { specialisms: { code: string }[]; localAuthorities: unknown[] };
    }>(`query ($id: ID!) { organisation(id: $id) { specialisms { code } localAuthorities { code } } }`, {
      id: demoOrganisationId('national:women'),
    });
    expect(partner.organisation.specialisms.map((s) => s.code)).toEqual(['VICTIMS', 'WOMEN']);
    expect(partner.organisation.localAuthorities).toEqual([]);
  });

  it('costs a constant number of SQL statements per page, whatever its size', async () => {
    const query = `query ($first: Int) { organisations(first: $first) { totalCount edges { node {
      name specialisms { code } localAuthorities { code policeForceArea { code } } } } } }`;
    const small = await countSql(() => sut.client.data(query, { first: 3 }));
    const large = await countSql(() => sut.client.data(query, { first: 100 }));
    expect(large.statements.length).toBe(small.statements.length);
    // The response cache's version read, then the page with its count, specialisms (links, then the vocabulary),
    // the authorities served (with geography's rows, one statement) and their areas.
    expect(large.statements.length).toBeLessThanOrEqual(1 + 5);
  });

  it('lists the specialism vocabulary', async () => {
    const data = await sut.client.data<{ specialisms: { code: string }[] }>('{ specialisms { code label } }');
    expect(data.specialisms.map((s) => s.code)).toEqual(expect.arrayContaining(['WOMEN', 'OLDER_PEOPLE', 'LGBTQ']));
    expect(data.specialisms).toHaveLength(16);
  });

  it.each([
    [{ first: 101 }, 'first'],
    [{ first: 0 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
    [{ filter: { servesPoliceForceAreaCode: 'Gwent' } }, 'filter.servesPoliceForceAreaCode'],
  ])('answers BAD_USER_INPUT for %j naming %s', async (variables, field) => {
    const { errors } = await sut.client.request(PAGE, variables);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.fields?.[0]?.field).toBe(field);
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const query = 'query ($id: ID!) { organisation(id: $id) { name } }';
    const unknown = await sut.client.request(query, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await sut.client.request(query, { id: 'abc' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
