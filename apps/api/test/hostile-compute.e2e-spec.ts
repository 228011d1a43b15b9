import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { measureEventLoopDelay } from '@app/testing';
import {
  createEvent,
  errorOf,
  reasonOf,
  eventOf,
  gwentNetwork,
  type Headers,
  localIn,
  MEMBER_GROUP,
  signIn,
} from './support/event-helpers';
import { startTestApp, type TestApp } from './support/test-app';

/** Far above a busy machine's noise, far below the stalls these calls caused (seconds to a minute). */
const STALL_MS = 500;
const NEVER = 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30';

describe('no single request holds the event loop', () => {
  let sut: TestApp;
  let coordinator: Headers;
  let member: Headers;
  let networkId: string;
  const delays: [string, number, number, number][] = [];

  /**
   * Runs a hostile call, notes the longest event-loop delay it caused and checks it stayed short:
   * judged on `heldMs`, so a busy machine not running the process (no CPU spent) is not a stall.
   */
  const hostile = async <T>(name: string, call: () => Promise<T>): Promise<T> => {
    const { result, maxDelayMs, gcPauseMs, cpuMs, heldMs } = await measureEventLoopDelay(call);
    delays.push([name, Math.round(maxDelayMs), Math.round(gcPauseMs), Math.round(cpuMs)]);
    expect([name, heldMs]).toEqual([name, expect.any(Number)]);
    expect(heldMs).toBeLessThan(STALL_MS);
    return result;
  };

  beforeAll(async () => {
    sut = await startTestApp();
    const admin = await signIn(sut, 'admin@demo.convene.example');
    coordinator = await signIn(sut, 'coordinator@demo.convene.example');
    member = await signIn(sut, 'member@demo.convene.example');
    networkId = await gwentNetwork(sut, coordinator, admin);
    // Warm the paths the hostile calls take (first use compiles code), so they measure their own work.
    await eventOf(sut, coordinator, meeting({ title: 'Warm-up (test)', recurrenceRule: 'FREQ=WEEKLY' }));
    const refused = await createEvent(sut, coordinator, meeting({ recurrenceRule: 'FREQ=MONTHLY;BYMONTHDAY=31' }));
    expect(errorOf(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.recurrenceRule' });
  });

  afterAll(async () => {
    const lines = delays.map(([name, ms, gc, cpu]) => `  ${ms}\t${gc}\t${cpu}\t${name}`);
    console.log(`longest event-loop delay, GC pauses, process CPU (ms):\n${lines.join('\n')}`);
    await sut?.close();
  });

  const meeting = (change: Record<string, unknown> = {}) => ({
    networkId,
    kind: 'NETWORK_MEETING',
    title: 'Hostile rules (test)',
    start: localIn(10),
    end: localIn(10, 20),
    ...change,
  });

  describe('recurrence rules that never occur', () => {
    it('refuses one on createEvent in milliseconds, naming the rule', async () => {
      const response = await hostile('createEvent with a rule that never occurs', () =>
        createEvent(sut, coordinator, meeting({ recurrenceRule: NEVER })),
      );
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.recurrenceRule' });
      expect(reasonOf(response)).toBe('INVALID_INPUT');
    });

    it('refuses one on rescheduleEvent in milliseconds, naming the rule', async () => {
      const event = await eventOf(sut, coordinator, meeting({ recurrenceRule: 'FREQ=WEEKLY' }));
      const response = await hostile('rescheduleEvent with a rule that never occurs', () =>
        sut.client.request(
          'mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) { event { id } } }',
          { input: { eventId: event.id, start: localIn(12), end: localIn(12, 20), recurrenceRule: NEVER } },
          coordinator,
        ),
      );
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.recurrenceRule' });
    });
  });

  describe('occurrence lists', () => {
    const DAILY_SERIES = 30;
    const calendar = (from: string, to: string, who?: Headers) =>
      sut.client.request<{ eventOccurrences: { startsAt: string }[] }>(
        `query ($from: DateTime!, $to: DateTime!, $id: ID!) {
          eventOccurrences(from: $from, to: $to, filter: { networkId: $id }) { startsAt endsAt event { id title } } }`,
        { from, to, id: networkId },
        who,
      );
    const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
    /** Midnight UTC n days on: no boundary cuts a meeting in two (now + 3 days did, between 9:30 and 10:30). */
    const midnight = (n: number) => {
      const today = new Date();
      return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + n)).toISOString();
    };

    beforeAll(async () => {
      for (let i = 0; i < DAILY_SERIES; i++) {
        await eventOf(
          sut,
          coordinator,
          meeting({
            title: `Daily ${i} (test)`,
            visibility: 'PUBLIC',
            recurrenceRule: 'FREQ=DAILY',
            start: localIn(2, 9),
            end: localIn(2, 10),
          }),
        );
      }
    }, 120_000);

    it('refuses an anonymous calendar of a year of 30 daily series, naming `to`, without a stall', async () => {
      const response = await hostile('eventOccurrences: 30 daily series over 366 days (anonymous)', () =>
        calendar(days(0), days(366)),
      );
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
      expect(reasonOf(response)).toBe('INVALID_INPUT');
    });

    it('refuses a window longer than 366 days, naming `to`', async () => {
      const response = await hostile('eventOccurrences: a 400-day window', () => calendar(days(0), days(400)));
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    });

    it('refuses a window outside the years 0001 to 9999 or not an RFC 3339 date-time, naming it (PostgreSQL refused the first, unnamed)', async () => {
      for (const [from, to, field] of [
        ['-271821-04-20T00:00:00.000Z', '-271821-05-01T00:00:00.000Z', 'from'],
        [days(0), '+010000-01-01T00:00:00.000Z', 'to'],
        ['next tuesday', days(1), 'from'],
        ['2026-12-02T10:00:00', days(1), 'from'], // no offset: it was read in the server's zone
        [days(0), '2027-02-30T00:00:00Z', 'to'], // it was rolled over to 2 March
      ] as const) {
        const response = await calendar(from, to);
        expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field });
      }
    });

    it('answers a window under the cap in full', async () => {
      const response = await hostile('eventOccurrences: 30 daily series over 10 days', () =>
        calendar(midnight(3), midnight(13)),
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.eventOccurrences).toHaveLength(DAILY_SERIES * 10);
    });

    it('caps the occurrences of a page of events, across their lists, naming `to`', async () => {
      const response = await hostile('events { occurrences }: 30 daily series over 366 days', () =>
        sut.client.request(
          `query ($id: ID!, $from: DateTime!, $to: DateTime!) {
            events(first: 100, filter: { networkId: $id }) { edges { node { id occurrences(from: $from, to: $to) { startsAt } } } } }`,
          { id: networkId, from: days(0), to: days(366) },
          coordinator,
        ),
      );
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    });
  });

  describe('diffs and merges of long sections', () => {
    interface Section {
      id: string;
      revision: number;
    }
    /** About 34 kB of short paragraphs, each its own: the shape that made diffs quadratic. */
    const paragraphs = (mark: string, count = 5_600) =>
      Array.from({ length: count }, (_, i) => `${mark}${i}`).join('\n\n');
    const draft = async (body: string): Promise<{ id: string; section: Section }> => {
      const { createJointPosition } = await sut.client.data<{
        createJointPosition: { position: { id: string; sections: Section[] } };
      }>(
        `mutation ($input: CreateJointPositionInput!) {
          createJointPosition(input: $input) { position { id sections { id revision } } } }`,
        {
          input: {
            networkId,
            title: 'Long sections (test)',
            audience: 'The Police and Crime Commissioner for Gwent',
            organisationId: MEMBER_GROUP,
            sections: [{ heading: 'Long', body }],
          },
        },
        member,
      );
      return { id: createJointPosition.position.id, section: createJointPosition.position.sections[0] };
    };
    const edit = (who: Headers, section: Section, body: string) =>
      sut.client.request<{ editSection: { __typename: string } }>(
        `mutation ($input: EditSectionInput!) { editSection(input: $input) { __typename } }`,
        { input: { sectionId: section.id, baseRevision: section.revision, body } },
        who,
      );

    it('answers the attribution and the word diff of a rewritten 34 kB section without a stall', async () => {
      const position = await draft(paragraphs('p'));
      expect((await edit(member, position.section, paragraphs('q'))).data?.editSection.__typename).toBe(
        'SectionEdited',
      );
      const attribution = await hostile('section.attribution: 34 kB section rewritten once', () =>
        sut.client.request<{
          jointPosition: { sections: { attribution: { text: string; organisationIds: string[] }[] }[] };
        }>(
          'query ($id: ID!) { jointPosition(id: $id) { sections { attribution { text organisationIds } } } }',
          { id: position.id },
          member,
        ),
      );
      expect(attribution.errors).toBeUndefined();
      // Past 1,000 paragraphs, neighbours with the same authors come as one.
      const [section] = attribution.data?.jointPosition.sections ?? [];
      expect(section?.attribution.length).toBeLessThanOrEqual(1_000);
      expect(section?.attribution.map((p) => p.text).join('\n\n')).toBe(paragraphs('q'));
      expect(new Set(section?.attribution.flatMap((p) => p.organisationIds))).toEqual(new Set([MEMBER_GROUP]));

      const diff = await hostile('jointPosition.diff: 34 kB section rewritten once', () =>
        sut.client.request<{ jointPosition: { diff: { value: string; added: boolean; removed: boolean }[] } }>(
          'query ($id: ID!) { jointPosition(id: $id) { diff(from: 1, to: 2) { value added removed } } }',
          { id: position.id },
          member,
        ),
      );
      expect(diff.errors).toBeUndefined();
      // Whatever the granularity, the parts rebuild both texts.
      const parts = diff.data?.jointPosition.diff ?? [];
      const text = (keep: (p: { added: boolean; removed: boolean }) => boolean) =>
        parts
          .filter(keep)
          .map((p) => p.value)
          .join('');
      expect(text((p) => !p.added)).toContain(paragraphs('p'));
      expect(text((p) => !p.removed)).toContain(paragraphs('q'));
    });

    it('answers 20 aliases of the attribution and of diffs of a long history without a stall', async () => {
      // 12,000 paragraphs each revision, every revision unlike the one before: each replay's diffs run out of time.
      const body = (seed: number) =>
        Array.from({ length: 12_000 }, (_, i) => String((i * (seed + 7) + seed) % 97)).join('\n\n');
      const position = await draft(body(0));
      let section = position.section;
      for (let seed = 1; seed <= 30; seed++) {
        const edited = await sut.client.data<{ editSection: { revision: number } }>(
          `mutation ($input: EditSectionInput!) { editSection(input: $input) { ... on SectionEdited { revision } } }`,
          { input: { sectionId: section.id, baseRevision: section.revision, body: body(seed) } },
          member,
        );
        section = { ...section, revision: edited.editSection.revision };
      }
      const aliases = (field: (i: number) => string) => Array.from({ length: 20 }, (_, i) => `a${i}: ${field(i)}`);
      const attribution = await hostile('section.attribution: 20 aliases over 31 revisions of 12,000 paragraphs', () =>
        sut.client.request<{ jointPosition: Record<string, { attribution: { text: string }[] }[]> }>(
          `query ($id: ID!) { jointPosition(id: $id) { ${aliases(() => 'sections { attribution { text organisationIds } }').join(' ')} } }`,
          { id: position.id },
          member,
        ),
      );
      expect(attribution.errors).toBeUndefined();
      // Each alias has the whole text, however coarse.
      for (const sections of Object.values(attribution.data?.jointPosition ?? {})) {
        expect(sections[0]?.attribution.map((p) => p.text).join('\n\n')).toBe(body(30));
      }
      const diffs = await hostile('jointPosition.diff: 20 aliases of different revisions', () =>
        sut.client.request<{ jointPosition: Record<string, { value: string; added: boolean }[]> }>(
          `query ($id: ID!) { jointPosition(id: $id) { ${aliases((i) => `diff(from: ${i + 1}, to: ${i + 11}) { value added removed }`).join(' ')} } }`,
          { id: position.id },
          member,
        ),
      );
      expect(diffs.errors).toBeUndefined();
      expect(Object.keys(diffs.data?.jointPosition ?? {})).toHaveLength(20);
    });

    it('answers a stale edit touching every one of 150 long lines without a stall (a conflict)', async () => {
      const line = (first: string, last: string) => [first, ...Array<string>(145).fill('x'), last].join(' ');
      const lines = (first: string, last: string) => Array.from({ length: 150 }, () => line(first, last)).join('\n-\n');
      const position = await draft(lines('A', 'Z'));
      expect((await edit(member, position.section, lines('A', 'Y'))).data?.editSection.__typename).toBe(
        'SectionEdited',
      );
      const response = await hostile('editSection: a stale edit of 150 lines, each a word-level conflict region', () =>
        edit(coordinator, position.section, lines('B', 'Z')),
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.editSection.__typename).toBe('EditConflict');
    });

    it('answers concurrent edits far apart in a section of repeated lines without a stall', async () => {
      const lines = Array.from({ length: 2_000 }, () => 'Same.');
      const position = await draft(lines.join('\n\n'));
      const mine = [...lines];
      mine[10] = 'Mine.';
      const theirs = [...lines];
      theirs[1_990] = 'Theirs.';
      expect((await edit(member, position.section, mine.join('\n\n'))).data?.editSection.__typename).toBe(
        'SectionEdited',
      );
      const response = await hostile('editSection: merge of a 2,000-paragraph section of repeated lines', () =>
        edit(coordinator, position.section, theirs.join('\n\n')),
      );
      expect(response.errors).toBeUndefined();
      expect(['SectionEdited', 'EditConflict']).toContain(response.data?.editSection.__typename);
    });
  });
});
