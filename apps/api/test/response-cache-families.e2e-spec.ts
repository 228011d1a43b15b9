import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ActivityFamily, DataVersion } from '@app/activity';
import { countSql, type GraphqlError } from '@app/testing';
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
import { unique } from './support/operation-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The response cache keys an answer by the versions of the families it read: a write
 * invalidates exactly the cached answers that read its family (or a family depending on it).
 * An answer served from cache runs no statement but the version read and the actor's lookup.
 */
// The version read is its own statement, `SELECT (versions) AS versions`; coverage's figures read them alongside.
const VERSION_OR_ACTOR = [/^SELECT \(SELECT json_build_array\(s\.xmin\b/, /FROM person p\b/, /"affiliation"/];
const fromCache = (statements: string[]): boolean =>
  statements.every((sql) => VERSION_OR_ACTOR.some((pattern) => pattern.test(sql)));

type Who = 'anonymous' | 'admin' | 'coordinator' | 'member' | 'partner';
interface Read {
  readonly who: Who;
  readonly query: string;
  readonly variables?: () => Record<string, unknown>;
}

describe('response cache versioned by family', () => {
  let sut: TestApp;
  const as: Record<Who, Headers> = { anonymous: {}, admin: {}, coordinator: {}, member: {}, partner: {} };
  let networkId = '';
  let eventId = '';
  let positionId = '';
  let sectionId = '';
  let sectionRevision = 0;

  const ask = (read: Read) =>
    countSql(() => sut.client.request<Record<string, unknown>>(read.query, read.variables?.() ?? {}, as[read.who]));

  /** The answers under test: each reads the families in its name (closed over dependencies). */
  const reads = {
    organisations: {
      who: 'member',
      query:
        '{ organisations(first: 5, filter: { servesPoliceForceAreaCode: "W15000002" }) { edges { node { id name website } } } }',
    },
    network: {
      who: 'coordinator',
      query: 'query ($id: ID!) { network(id: $id) { name members { organisation { name } } } }',
      variables: () => ({ id: networkId }),
    },
    nationalCoverage: {
      who: 'anonymous',
      query: '{ coverage { national { areasWithActiveNetwork population populationReached } } }',
    },
    coverageStatus: { who: 'anonymous', query: '{ coverage { areas { policeForceArea { code } status } } }' },
    priorities: { who: 'anonymous', query: '{ coveragePriorities { code } }' },
    event: {
      who: 'member',
      query: 'query ($id: ID!) { event(id: $id) { title visibility tally { confirmed } } }',
      variables: () => ({ id: eventId }),
    },
    position: {
      who: 'member',
      query: 'query ($id: ID!) { jointPosition(id: $id) { title sections { body } } }',
      variables: () => ({ id: positionId }),
    },
    authorities: {
      who: 'anonymous',
      query: `{ localAuthorities(filter: { policeForceAreaCode: "${GWENT}" }) { code name } }`,
    },
  } satisfies Record<string, Read>;
  type Name = keyof typeof reads;
  const everything = Object.keys(reads) as Name[];

  /** Caches every answer (a second read must come from cache), runs the write, then reads again. */
  const afterWrite = async (write: () => Promise<{ errors?: GraphqlError[] } | undefined>) => {
    for (const name of everything) {
      const first = await ask(reads[name]);
      expect({ name, errors: first.result.errors }).toEqual({ name, errors: undefined });
      const again = await ask(reads[name]);
      expect({ name, cached: fromCache(again.statements) }).toEqual({ name, cached: true });
      expect(again.result.data).toEqual(first.result.data);
    }
    const written = await write();
    expect(written?.errors).toBeUndefined();
    const invalidated: Name[] = [];
    const answers: Partial<Record<Name, Record<string, unknown> | null | undefined>> = {};
    for (const name of everything) {
      const after = await ask(reads[name]);
      expect({ name, errors: after.result.errors }).toEqual({ name, errors: undefined });
      answers[name] = after.result.data;
      if (!fromCache(after.statements)) {
        invalidated.push(name);
      }
    }
    return { invalidated, answers };
  };

  const mutate = (who: Who, document: string, input: Record<string, unknown>) =>
    sut.client.request<Record<string, unknown>>(document, { input }, as[who]);

  beforeAll(async () => {
    sut = await startTestApp();
    for (const who of ['admin', 'coordinator', 'member', 'partner'] as const) {
      as[who] = await signIn(sut, `${who}@demo.convene.example`);
    }
    networkId = await gwentNetwork(sut, as.coordinator, as.admin);
    const event = await eventOf(sut, as.coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Members-only meeting (cache test)',
      start: localIn(20),
      end: localIn(20, 20),
      visibility: 'NETWORK',
    });
    eventId = event.id;
    const { createJointPosition } = await sut.client.data<{
      createJointPosition: { position: { id: string; sections: { id: string; revision: number }[] } };
    }>(
      'mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id sections { id revision } } } }',
      {
        input: {
          networkId,
          title: 'Response to the plan (cache test)',
          audience: 'The commissioner',
          organisationId: MEMBER_GROUP,
          sections: [{ heading: 'Victims', body: 'We ask for advocates.' }],
        },
      },
      as.member,
    );
    positionId = createJointPosition.position.id;
    const [section] = createJointPosition.position.sections;
    sectionId = section?.id ?? '';
    sectionRevision = section?.revision ?? 0;
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('moves only the version of the family written, in the one statement that versions the whole database', async () => {
    const version = sut.app.get(DataVersion);
    const of = async (family: ActivityFamily) => (await version.versions()).versionOf([family]);
    const before = await countSql(() => version.versions());
    expect(before.statements).toHaveLength(1);
    const [events, organisations, whole] = [
      await of(ActivityFamily.EVENTS),
      await of(ActivityFamily.ORGANISATIONS),
      await version.current(),
    ];
    const answered = await mutate(
      'member',
      'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { answer } } }',
      { eventId, organisationId: MEMBER_GROUP, answer: 'MAYBE' },
    );
    expect(answered.errors).toBeUndefined();
    expect(await of(ActivityFamily.EVENTS)).not.toBe(events);
    expect(await of(ActivityFamily.ORGANISATIONS)).toBe(organisations);
    expect(await version.current()).not.toBe(whole);
  });

  it('organisations: an organisation edit invalidates what shows organisations, not reference data', async () => {
    const { invalidated, answers } = await afterWrite(() =>
      mutate(
        'admin',
        'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { id } } }',
        { id: MEMBER_GROUP, website: 'https://cache-test.example.org' },
      ),
    );
    expect(invalidated.sort()).toEqual(
      ['organisations', 'network', 'nationalCoverage', 'coverageStatus', 'priorities', 'event', 'position'].sort(),
    );
    expect(JSON.stringify(answers.organisations)).toContain('https://cache-test.example.org');
  });

  it('identity: an invitation invalidates nothing cached (people and sessions are never cached; area statuses read only activity naming a network)', async () => {
    const { invalidated } = await afterWrite(() =>
      mutate(
        'coordinator',
        'mutation ($input: InviteToOrganisationInput!) { inviteToOrganisation(input: $input) { token } }',
        { organisationId: NEWPORT_CVS, email: `cache-${unique().toLowerCase()}@example.org` },
      ),
    );
    expect(invalidated).toEqual([]);
  });

  it('networks: a network edit invalidates the network, coverage, and the events and drafts it decides visibility of', async () => {
    const { invalidated, answers } = await afterWrite(() =>
      mutate(
        'coordinator',
        'mutation ($input: UpdateNetworkInput!) { updateNetwork(input: $input) { network { name } } }',
        { networkId, name: 'Gwent network (renamed for the cache test)' },
      ),
    );
    expect(invalidated.sort()).toEqual(
      ['network', 'nationalCoverage', 'coverageStatus', 'priorities', 'event', 'position'].sort(),
    );
    expect(answers.network).toMatchObject({ network: { name: 'Gwent network (renamed for the cache test)' } });
  });

  it('coverage: new priorities invalidate coverage answers only', async () => {
    const { invalidated, answers } = await afterWrite(() =>
      mutate(
        'admin',
        'mutation ($input: SetCoveragePrioritiesInput!) { setCoveragePriorities(input: $input) { priorities { code } } }',
        { specialisms: ['WOMEN'] },
      ),
    );
    expect(invalidated.sort()).toEqual(['nationalCoverage', 'coverageStatus', 'priorities'].sort());
    expect(answers.priorities).toEqual({ coveragePriorities: [{ code: 'WOMEN' }] });
  });

  it('events: an RSVP invalidates the event (and area statuses, which read network activity), not organisations', async () => {
    const { invalidated, answers } = await afterWrite(() =>
      mutate('member', 'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { answer } } }', {
        eventId,
        organisationId: MEMBER_GROUP,
        answer: 'GOING',
      }),
    );
    expect(invalidated.sort()).toEqual(['event', 'coverageStatus'].sort());
    expect(answers.event).toMatchObject({ event: { tally: { confirmed: 1 } } });
  });

  it("events: an RSVP moves its area's last activity at once (read live, the figures not refreshed), cached or not", async () => {
    const lastActivity: Read = {
      who: 'anonymous',
      query: '{ coverage { areas { policeForceArea { code } lastActivityAt daysSinceLastActivity status } } }',
    };
    type Areas = { coverage: { areas: { policeForceArea: { code: string }; lastActivityAt: string | null }[] } };
    const gwentOf = (data: unknown) =>
      (data as Areas).coverage.areas.find((area) => area.policeForceArea.code === GWENT)?.lastActivityAt ?? null;
    const first = await ask(lastActivity);
    expect(first.result.errors).toBeUndefined();
    expect(fromCache((await ask(lastActivity)).statements)).toBe(true);
    const before = Date.now();
    const answered = await mutate(
      'member',
      'mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { answer } } }',
      { eventId, organisationId: MEMBER_GROUP, answer: 'DECLINED' },
    );
    expect(answered.errors).toBeUndefined();
    const after = await ask(lastActivity);
    expect(after.result.errors).toBeUndefined();
    expect(fromCache(after.statements)).toBe(false);
    // The figures read networks, organisations, geography and engagements: an RSVP leaves them be.
    expect(after.statements.some((sql) => /REFRESH MATERIALIZED VIEW/.test(sql))).toBe(false);
    const moved = gwentOf(after.result.data);
    expect(moved).not.toBeNull();
    expect(new Date(moved ?? 0).getTime()).toBeGreaterThanOrEqual(before - 1_000); // database and test clocks
    expect(moved).not.toEqual(gwentOf(first.result.data));
    // A network edit does refresh them (its members, convenors and names are the figures' input).
    const renamed = await mutate(
      'coordinator',
      'mutation ($input: UpdateNetworkInput!) { updateNetwork(input: $input) { network { name } } }',
      { networkId, name: 'Gwent network (renamed again for the cache test)' },
    );
    expect(renamed.errors).toBeUndefined();
    const refreshed = await ask(lastActivity);
    expect(refreshed.statements.some((sql) => /REFRESH MATERIALIZED VIEW/.test(sql))).toBe(true);
    expect(new Date(gwentOf(refreshed.result.data) ?? 0).getTime()).toBeGreaterThan(new Date(moved ?? 0).getTime());
  });

  it('drafting: a section edit invalidates the position, not national coverage nor organisations', async () => {
    const { invalidated, answers } = await afterWrite(() =>
      mutate('member', 'mutation ($input: EditSectionInput!) { editSection(input: $input) { __typename } }', {
        sectionId,
        baseRevision: sectionRevision,
        body: 'We ask for independent advocates.',
      }).then((edited) => {
        expect(edited.data?.editSection).toEqual({ __typename: 'SectionEdited' });
        return edited;
      }),
    );
    expect(invalidated.sort()).toEqual(['position', 'coverageStatus'].sort());
    expect(JSON.stringify(answers.position)).toContain('independent advocates');
  });

  it('influencing: an engagement invalidates coverage (its last engagement), not events, drafts or organisations', async () => {
    const occurredOn = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const { invalidated } = await afterWrite(() =>
      mutate(
        'member',
        'mutation ($input: RecordEngagementInput!) { recordEngagement(input: $input) { engagement { id } } }',
        { networkId, kind: 'MEETING', occurredOn, summary: 'Met the commissioner (cache test)' },
      ),
    );
    expect(invalidated.sort()).toEqual(['nationalCoverage', 'coverageStatus', 'priorities'].sort());
  });

  it('keeps viewers apart, and a member removed from a network no longer gets its members-only event from cache', async () => {
    const event = reads.event;
    const asMember = await ask(event);
    expect(asMember.result.data).toMatchObject({ event: { visibility: 'NETWORK' } });
    expect(fromCache((await ask(event)).statements)).toBe(true);
    // Another viewer, same query text and variables: not the member's answer.
    const asPartner = await ask({ ...event, who: 'partner' });
    expect(asPartner.result.data ?? null).toBeNull();
    expect(asPartner.result.errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    const position = await ask(reads.position);
    expect(position.result.errors).toBeUndefined();

    const { network } = await sut.client.data<{ network: { members: { id: string; organisation: { id: string } }[] } }>(
      'query ($id: ID!) { network(id: $id) { members { id organisation { id } } } }',
      { id: networkId },
      as.coordinator,
    );
    const membership = network.members.find((m) => m.organisation.id === MEMBER_GROUP);
    expect(membership).toBeDefined();
    const before = await ask(reads.network);
    const removed = await mutate(
      'coordinator',
      'mutation ($input: EndMembershipInput!) { removeFromNetwork(input: $input) { membership { status } } }',
      { membershipId: membership?.id, reason: 'Cache test' },
    );
    expect(removed.errors).toBeUndefined();

    const after = await ask(event);
    expect(fromCache(after.statements)).toBe(false);
    expect(after.result.data ?? null).toBeNull();
    expect(after.result.errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    // The convenor still sees it; the partner still does not.
    expect((await ask({ ...event, who: 'coordinator' })).result.data).toMatchObject({
      event: { visibility: 'NETWORK' },
    });
    expect((await ask({ ...event, who: 'partner' })).result.data ?? null).toBeNull();
    // The membership change also reaches the network's answer and coverage.
    const members = await ask(reads.network);
    type Members = { network: { members: unknown[] } };
    expect(fromCache(members.statements)).toBe(false);
    expect((members.result.data as Members).network.members).toHaveLength(
      (before.result.data as Members).network.members.length - 1,
    );
    expect(fromCache((await ask(reads.nationalCoverage)).statements)).toBe(false);
  });
});
