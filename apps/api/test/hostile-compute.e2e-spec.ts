import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { measureEventLoopDelay } from '@app/testing';
import { createEvent, errorOf, eventOf, gwentNetwork, type Headers, localIn, signIn } from './support/event-helpers';
import { startTestApp, type TestApp } from './support/test-app';

/** Far above a busy machine's noise, far below the stalls these calls caused (seconds to a minute). */
const STALL_MS = 500;
const NEVER = 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30';

describe('no single request holds the event loop', () => {
  let sut: TestApp;
  let coordinator: Headers;
  let networkId: string;
  const delays: [string, number][] = [];

  /** Runs a hostile call, notes the longest event-loop delay it caused and checks it stayed short. */
  const hostile = async <T>(name: string, call: () => Promise<T>): Promise<T> => {
    const { result, maxDelayMs } = await measureEventLoopDelay(call);
    delays.push([name, Math.round(maxDelayMs)]);
    expect([name, maxDelayMs]).toEqual([name, expect.any(Number)]);
    expect(maxDelayMs).toBeLessThan(STALL_MS);
    return result;
  };

  beforeAll(async () => {
    sut = await startTestApp();
    const admin = await signIn(sut, 'admin@demo.convene.example');
    coordinator = await signIn(sut, 'coordinator@demo.convene.example');
    networkId = await gwentNetwork(sut, coordinator, admin);
  });

  afterAll(async () => {
    console.log(`longest event-loop delays (ms):\n${delays.map(([n, ms]) => `  ${ms}\t${n}`).join('\n')}`);
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
      expect(response.errors?.[0]?.message).toMatch(/no date within/);
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
      expect(response.errors?.[0]?.message).toMatch(/more than 500 occurrences/);
    });

    it('refuses a window longer than 366 days, naming `to`', async () => {
      const response = await hostile('eventOccurrences: a 400-day window', () => calendar(days(0), days(400)));
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    });

    it('answers a window under the cap in full', async () => {
      const response = await hostile('eventOccurrences: 30 daily series over 10 days', () =>
        calendar(days(3), days(13)),
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
});
