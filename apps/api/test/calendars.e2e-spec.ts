import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import ical from 'node-ical';
import { eventOf, GWENT, gwentNetwork, type Headers, localIn, NEWPORT_CVS } from './support/event-helpers';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

/** Parsed by node-ical, an iCalendar parser independent of the one that wrote the feed. */
type Parsed = ReturnType<typeof ical.sync.parseICS>;
const vevent = (calendar: Parsed, eventId: string): ical.VEvent => {
  const found = calendar[`${eventId}@convene`];
  if (!found || found.type !== 'VEVENT') {
    throw new Error(`No VEVENT for ${eventId}`);
  }
  return found;
};

/** Parsed by ical.js, a second parser independent of both: each VEVENT's start and end as instants, by UID. */
function readWithIcalJs(body: string): Map<string, { start: string; end: string; recurrenceId: string | null }[]> {
  const calendar = new ICAL.Component(ICAL.parse(body) as unknown[]);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const byUid = new Map<string, { start: string; end: string; recurrenceId: string | null }[]>();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    byUid.set(event.uid, [
      ...(byUid.get(event.uid) ?? []),
      {
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        recurrenceId: event.recurrenceId ? event.recurrenceId.toJSDate().toISOString() : null,
      },
    ]);
  }
  return byUid;
}

describe('iCalendar feeds', () => {
  let sut: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  let member: Headers;
  let networkId: string;
  let series: { id: string };
  let cancelled: { id: string };
  let membersOnly: { id: string };
  let allDay: { id: string };
  let areaEvent: { id: string };
  let repeatedHour: { id: string; startsAt: string; endsAt: string };

  const fetchCalendar = async (path: string): Promise<{ status: number; type: string | null; body: string }> => {
    const response = await fetch(`${sut.baseUrl}${path}`);
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  };
  const mutate = (who: Headers, document: string, input: Record<string, unknown>) =>
    sut.client.data<Record<string, unknown>>(document, { input }, who);

  beforeAll(async () => {
    sut = await startTestApp();
    ({ admin, coordinator, member } = await demoCast(sut));
    networkId = await gwentNetwork(sut, coordinator, admin);
    const base = { networkId, visibility: 'PUBLIC', kind: 'NETWORK_MEETING' };

    series = await eventOf(sut, coordinator, {
      ...base,
      title: 'First Tuesdays (feed test)',
      description: 'Open to all **members**.',
      venue: 'Newport Community Hub',
      start: '2027-01-05T18:30',
      end: '2027-01-05T20:00',
      recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=6',
    });
    const occurrence =
      'mutation ($input: ChangeOccurrenceInput!) { changeEventOccurrence(input: $input) { event { id } } }';
    await mutate(coordinator, occurrence, {
      eventId: series.id,
      occurrenceStart: '2027-02-02T18:30:00.000Z',
      cancel: true,
    });
    await mutate(coordinator, occurrence, {
      eventId: series.id,
      occurrenceStart: '2027-04-06T17:30:00.000Z',
      start: '2027-04-08T18:00',
      end: '2027-04-08T19:30',
    });

    cancelled = await eventOf(sut, coordinator, {
      ...base,
      title: 'Called off (feed test)',
      start: localIn(9),
      end: localIn(9, 20),
    });
    await mutate(
      coordinator,
      'mutation ($input: ChangeEventStatusInput!) { changeEventStatus(input: $input) { event { id } } }',
      { eventId: cancelled.id, status: 'CANCELLED', reason: 'Speaker ill' },
    );
    membersOnly = await eventOf(sut, coordinator, {
      networkId,
      kind: 'NETWORK_MEETING',
      title: 'Members only (feed test)',
      start: localIn(10),
      end: localIn(10, 20),
    });
    allDay = await eventOf(sut, coordinator, {
      ...base,
      title: 'Training days (feed test)',
      start: '2027-07-01',
      end: '2027-07-02',
      allDay: true,
    });
    // 01:30 on 31 October 2027 happens twice in London (clocks go back at 02:00 BST): the first, 00:30Z.
    repeatedHour = await eventOf(sut, coordinator, {
      ...base,
      title: 'Night shift briefing (feed test)',
      start: '2027-10-31T01:30',
      end: '2027-10-31T02:30',
    });
    areaEvent = await eventOf(sut, coordinator, {
      organiserOrganisationId: NEWPORT_CVS,
      policeForceAreaCode: GWENT,
      kind: 'PCC_ENGAGEMENT',
      title: 'PCC surgery (feed test)',
      start: localIn(11),
      end: localIn(11, 20),
    });
  });

  afterAll(async () => {
    await sut.close();
  });

  it("serves a network's public events as iCalendar that an independent parser reads back with the same times", async () => {
    const feed = await fetchCalendar(`/calendars/networks/${networkId}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    expect(feed.body).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
    const calendar = ical.sync.parseICS(feed.body);

    const meeting = vevent(calendar, series.id);
    expect(meeting.start.toISOString()).toBe('2027-01-05T18:30:00.000Z');
    expect(meeting.start.tz).toBe('Europe/London');
    expect(meeting.end?.toISOString()).toBe('2027-01-05T20:00:00.000Z');
    expect(meeting.summary).toBe('First Tuesdays (feed test)');
    expect(meeting.location).toBe('Newport Community Hub');
    expect(meeting.sequence).toBe(2); // two occurrence changes
    expect(meeting.rrule?.toString()).toContain('FREQ=MONTHLY');
    expect(Object.keys(meeting.exdate ?? {})).toContain('2027-02-02');

    // Expanded by the parser (rule, EXDATE and RECURRENCE-ID applied): the API's occurrences, bar the cancelled one.
    const expanded = ical.expandRecurringEvent(meeting, { from: new Date('2027-01-01'), to: new Date('2027-07-01') });
    const { event } = await sut.client.data<{
      event: { occurrences: { startsAt: string; endsAt: string; cancelled: boolean }[] };
    }>(
      'query ($id: ID!) { event(id: $id) { occurrences(from: "2027-01-01T00:00:00Z", to: "2027-07-01T00:00:00Z") { startsAt endsAt cancelled } } }',
      { id: series.id },
    );
    const api = event.occurrences.filter((o) => !o.cancelled).map((o) => [o.startsAt, o.endsAt]);
    expect(expanded.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual(api);
    expect(api).toContainEqual(['2027-03-02T18:30:00.000Z', '2027-03-02T20:00:00.000Z']); // GMT
    expect(api).toContainEqual(['2027-04-08T17:00:00.000Z', '2027-04-08T18:30:00.000Z']); // moved, BST
    expect(api).toContainEqual(['2027-05-04T17:30:00.000Z', '2027-05-04T19:00:00.000Z']); // BST

    const calledOff = vevent(calendar, cancelled.id);
    expect(calledOff.status).toBe('CANCELLED');
    expect(calledOff.sequence).toBe(1);

    const days = vevent(calendar, allDay.id);
    expect(days.datetype).toBe('date');
    expect(feed.body).toContain('DTSTART;VALUE=DATE:20270701');
    expect(feed.body).toContain('DTEND;VALUE=DATE:20270703');

    expect(calendar[`${membersOnly.id}@convene`]).toBeUndefined();

    // Read by ical.js too: the same instants for the series' first start, its moved occurrence, and the rest.
    const second = readWithIcalJs(feed.body);
    expect(second.get(`${series.id}@convene`)).toEqual(
      expect.arrayContaining([
        { start: '2027-01-05T18:30:00.000Z', end: '2027-01-05T20:00:00.000Z', recurrenceId: null },
        {
          start: '2027-04-08T17:00:00.000Z',
          end: '2027-04-08T18:30:00.000Z',
          recurrenceId: '2027-04-06T17:30:00.000Z',
        },
      ]),
    );
  });

  it('writes a time in the hour a clock change repeats so that both parsers read the instant the API holds', async () => {
    expect(repeatedHour).toMatchObject({ startsAt: '2027-10-31T00:30:00.000Z', endsAt: '2027-10-31T02:30:00.000Z' });
    const feed = await fetchCalendar(`/calendars/networks/${networkId}.ics`);
    const byNodeIcal = vevent(ical.sync.parseICS(feed.body), repeatedHour.id);
    expect([byNodeIcal.start.toISOString(), byNodeIcal.end?.toISOString()]).toEqual([
      repeatedHour.startsAt,
      repeatedHour.endsAt,
    ]);
    expect(readWithIcalJs(feed.body).get(`${repeatedHour.id}@convene`)).toEqual([
      { start: repeatedHour.startsAt, end: repeatedHour.endsAt, recurrenceId: null },
    ]);
  });

  it('describes each event in plain text, not Markdown, and names its organiser', async () => {
    const feed = await fetchCalendar(`/calendars/networks/${networkId}.ics`);
    const calendar = ical.sync.parseICS(feed.body);
    const { network } = await sut.client.data<{ network: { name: string } }>(
      'query ($id: ID!) { network(id: $id) { name } }',
      { id: networkId },
    );
    expect(vevent(calendar, series.id).description).toBe(`Open to all members.\n\nOrganised by ${network.name}`);
    expect(vevent(calendar, cancelled.id).description).toBe(`Organised by ${network.name}`);
    const area = ical.sync.parseICS((await fetchCalendar(`/calendars/areas/${GWENT}.ics`)).body);
    expect(vevent(area, areaEvent.id).description).toBe('Organised by Newport Voluntary Action (demo)');
  });

  it('keeps the UID and bumps SEQUENCE when an event changes', async () => {
    await mutate(coordinator, 'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } } }', {
      eventId: series.id,
      venue: 'Online only',
    });
    const calendar = ical.sync.parseICS((await fetchCalendar(`/calendars/networks/${networkId}.ics`)).body);
    expect(vevent(calendar, series.id)).toMatchObject({ sequence: 3, location: 'Online only' });
  });

  it('answers a calendar app polling a public feed with 304 until an event changes', async () => {
    const path = `${sut.baseUrl}/calendars/networks/${networkId}.ics`;
    const first = await fetch(path);
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^W\/".+"$/);
    await first.text();
    // As a calendar app revalidates (fetch would add `no-cache` to a conditional request, asking for the body).
    const revalidate = { 'if-none-match': tag ?? '', 'cache-control': 'max-age=0' };
    const unchanged = await fetch(path, { headers: revalidate });
    expect([unchanged.status, await unchanged.text()]).toEqual([304, '']);
    expect(unchanged.headers.get('cache-control')).toBe('public, max-age=300');

    await mutate(coordinator, 'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } } }', {
      eventId: series.id,
      venue: 'Newport Community Hub, room 2',
    });
    const changed = await fetch(path, { headers: revalidate });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
    expect(await changed.text()).toContain('room 2');
  });

  it("serves an area's public events, from networks and organisations alike", async () => {
    const feed = await fetchCalendar(`/calendars/areas/${GWENT}.ics`);
    expect(feed.status).toBe(200);
    const calendar = ical.sync.parseICS(feed.body);
    expect(vevent(calendar, areaEvent.id).summary).toBe('PCC surgery (feed test)');
    expect(vevent(calendar, series.id).uid).toBe(`${series.id}@convene`);
    expect(calendar[`${membersOnly.id}@convene`]).toBeUndefined();
  });

  it('answers 404 for an unknown network or area', async () => {
    expect((await fetchCalendar('/calendars/networks/00000000-0000-4000-8000-000000000000.ics')).status).toBe(404);
    expect((await fetchCalendar('/calendars/networks/not-a-uuid.ics')).status).toBe(404);
    expect((await fetchCalendar('/calendars/areas/E99999999.ics')).status).toBe(404);
  });

  it("gives a person a private feed with their network's members-only events, until they revoke it", async () => {
    const created = await mutate(
      member,
      'mutation ($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { path feed { id label } } }',
      { label: 'Phone' },
    );
    const { path, feed } = created.createCalendarFeed as { path: string; feed: { id: string; label: string } };
    expect(path).toMatch(/^\/calendars\/feeds\/cal_[\w-]{43}\.ics$/);
    const mine = await fetchCalendar(path);
    expect(mine.status).toBe(200);
    const calendar = ical.sync.parseICS(mine.body);
    expect(vevent(calendar, membersOnly.id).summary).toBe('Members only (feed test)');
    expect(vevent(calendar, series.id).sequence).toBeGreaterThan(0);

    // Someone else cannot revoke it; its owner can, and the URL then answers 404.
    const revoke =
      'mutation ($input: RevokeCalendarFeedInput!) { revokeCalendarFeed(input: $input) { feed { revokedAt } } }';
    const foreign = await sut.client.request(revoke, { input: { feedId: feed.id } }, coordinator);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await fetchCalendar(path)).status).toBe(200);
    await mutate(member, revoke, { feedId: feed.id });
    expect((await fetchCalendar(path)).status).toBe(404);
    const { calendarFeeds } = await sut.client.data<{ calendarFeeds: { id: string; revokedAt: string | null }[] }>(
      '{ calendarFeeds { id revokedAt } }',
      {},
      member,
    );
    expect(calendarFeeds.find((f) => f.id === feed.id)?.revokedAt).toEqual(expect.any(String));
    expect((await fetchCalendar('/calendars/feeds/cal_guessed.ics')).status).toBe(404);
  });
});
