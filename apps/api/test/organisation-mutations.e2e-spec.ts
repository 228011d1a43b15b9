import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoCast, signIn } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

const CREATE = `mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id name kind charityNumber specialisms { code } localAuthorities { code } } }
}`;
const UPDATE = `mutation ($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { organisation { id name website specialisms { code } localAuthorities { code } } }
}`;

describe('registering and changing organisations', () => {
  let sut: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    sut = await startTestApp();
    auth = (await demoCast(sut)).member;
  });

  afterAll(async () => {
    await sut.close();
  });

  const organisationCount = async (): Promise<number> =>
    (
      await sut.client.data<{ organisations: { totalCount: number } }>(
        '{ organisations(filter: { status: ACTIVE }) { totalCount } }',
      )
    ).organisations.totalCount +
    (
      await sut.client.data<{ organisations: { totalCount: number } }>(
        '{ organisations(filter: { status: ARCHIVED }) { totalCount } }',
      )
    ).organisations.totalCount;

  it('registers a CVS with the areas it serves, and makes its creator the admin', async () => {
    const { data, errors } = await sut.client.request<{ createOrganisation: { organisation: { id: string } } }>(
      CREATE,
      {
        input: {
          name: '  Torfaen Community Voice (demo) ',
          kind: 'CVS',
          charityNumber: '9100001',
          specialisms: ['VICTIMS', 'WOMEN', 'VICTIMS'],
          localAuthorityCodes: ['W06000020'],
        },
      },
      auth,
    );
    expect(errors).toBeUndefined();
    expect(data?.createOrganisation.organisation).toMatchObject({
      name: 'Torfaen Community Voice (demo)',
      kind: 'CVS',
      charityNumber: '9100001',
      specialisms: [{ code: 'VICTIMS' }, { code: 'WOMEN' }],
      localAuthorities: [{ code: 'W06000020' }],
    });
    const me = await sut.client.request<{ me: { affiliations: { role: string; organisation: { id: string } }[] } }>(
      '{ me { affiliations { role organisation { id } } } }',
      undefined,
      auth,
    );
    expect(me.data?.me.affiliations).toContainEqual({
      role: 'ORG_ADMIN',
      organisation: { id: data?.createOrganisation.organisation.id },
    });

    const updated = await sut.client.request<{ updateOrganisation: { organisation: unknown } }>(
      UPDATE,
      {
        input: {
          id: data?.createOrganisation.organisation.id,
          website: 'https://torfaen.example.org',
          specialisms: ['HOUSING'],
        },
      },
      auth,
    );
    expect(updated.data?.updateOrganisation.organisation).toMatchObject({
      website: 'https://torfaen.example.org',
      specialisms: [{ code: 'HOUSING' }],
      localAuthorities: [{ code: 'W06000020' }],
    });
    const cleared = await sut.client.request<{ updateOrganisation: { organisation: { website: string | null } } }>(
      UPDATE,
      { input: { id: data?.createOrganisation.organisation.id, website: null } },
      auth,
    );
    expect(cleared.data?.updateOrganisation.organisation.website).toBeNull();
  });

  it.each([
    [{ name: 'No Areas CVS (demo)', kind: 'CVS' }, 'input.localAuthorityCodes'],
    [{ name: 'Unknown LAD (demo)', kind: 'CVS', localAuthorityCodes: ['W06000099'] }, 'input.localAuthorityCodes'],
    [{ name: 'Bad LAD (demo)', kind: 'CVS', localAuthorityCodes: ['Newport'] }, 'input.localAuthorityCodes'],
    [{ name: 'Unknown Specialism (demo)', kind: 'OTHER', specialisms: ['ASTROLOGY'] }, 'input.specialisms'],
    [{ name: 'Bad Charity (demo)', kind: 'OTHER', charityNumber: '12' }, 'input.charityNumber'],
    [{ name: 'Bad Web (demo)', kind: 'OTHER', website: 'javascript:alert(1)' }, 'input.website'],
    [{ name: 'x', kind: 'OTHER' }, 'input.name'],
  ])('refuses %j with BAD_USER_INPUT naming %s, writing nothing', async (input, field) => {
    const before = await organisationCount();
    const { errors, data } = await sut.client.request(CREATE, { input }, auth);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.fields?.[0]?.field).toBe(field);
    expect(data ?? null).toBeNull();
    expect(await organisationCount()).toBe(before);
  });

  it('archives an organisation: it leaves the default list and can no longer be changed', async () => {
    const { data } = await sut.client.request<{ createOrganisation: { organisation: { id: string } } }>(
      CREATE,
      { input: { name: 'Short-Lived Project (demo)', kind: 'VOLUNTARY_ORGANISATION' } },
      auth,
    );
    const id = data?.createOrganisation.organisation.id;
    const archived = await sut.client.request<{ archiveOrganisation: { organisation: { status: string } } }>(
      'mutation ($id: ID!) { archiveOrganisation(input: { id: $id }) { organisation { status } } }',
      { id },
      auth,
    );
    expect(archived.data?.archiveOrganisation.organisation.status).toBe('ARCHIVED');
    const listed = await sut.client.data<{ organisations: { edges: { node: { id: string } }[] } }>(
      '{ organisations(first: 100, filter: { nameContains: "Short-Lived" }) { edges { node { id } } } }',
    );
    expect(listed.organisations.edges).toEqual([]);
    const change = await sut.client.request(UPDATE, { input: { id, name: 'Revived (demo)' } }, auth);
    expect(change.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses a duplicate specialism code with CONFLICT (platform admin only may add)', async () => {
    const admin = await signIn(sut, 'admin@demo.convene.example');
    const create =
      'mutation ($c: String!) { createSpecialism(input: { code: $c, label: "Neurodiversity" }) { specialism { code label } } }';
    expect((await sut.client.request(create, { c: 'NEURODIVERSITY' }, admin)).errors).toBeUndefined();
    const again = await sut.client.request(create, { c: 'NEURODIVERSITY' }, admin);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
