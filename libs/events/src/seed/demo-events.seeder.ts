import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { seedId, zonedInstant } from '@app/common';
import { PoliceForceAreaEntity } from '@app/geography';
import { demoNetworkId } from '@app/networks';
import { demoOrganisationId } from '@app/organisations';
import { EventEntity } from '../event.entities';
import { EventKind, EventVisibility } from '../event.enums';

const ZONE = 'Europe/London';

/** The first Tuesday of a month at least two weeks away, local date. */
function firstTuesdayAfter(from: DateTime): string {
  let month = from.plus({ weeks: 2 }).startOf('month').plus({ months: 1 });
  while (month.weekday !== 2) {
    month = month.plus({ days: 1 });
  }
  return month.toISODate() ?? '';
}

const at = (date: string, time: string): Date => zonedInstant(`${date}T${time}`, ZONE);

export const demoEventId = (key: string): string => seedId('demo_event', key);

/**
 * A few events so the calendar tells a story: the Gwent alliance meets monthly, Gwent holds a
 * PCC hustings, and Cleveland's commissioner runs a consultation. Dates are relative to the
 * seeding day; existing demo events are left as they are. Reminders are planned when an event
 * is next changed through the API.
 */
export async function seedDemoEvents(
  manager: EntityManager,
  now = DateTime.now().setZone(ZONE),
): Promise<{ events: number }> {
  const areas = new Map((await manager.getRepository(PoliceForceAreaEntity).find()).map((a) => [a.code, a]));
  const meetingDay = firstTuesdayAfter(now);
  const hustingsDay = now.plus({ weeks: 6 }).set({ weekday: 4 }).toISODate() ?? '';
  const consultationDay = now.plus({ weeks: 3 }).set({ weekday: 3 }).toISODate() ?? '';
  const demos: (Partial<EventEntity> & { key: string; area: string })[] = [
    {
      key: 'gwent-monthly',
      area: 'W15000002',
      networkId: demoNetworkId('gwent'),
      kind: EventKind.NETWORK_MEETING,
      title: 'Gwent Criminal Justice Alliance: monthly meeting (demo)',
      description: 'Members only. Standing items: the PCC’s police and crime plan, and our joint briefing.',
      startsAt: at(meetingDay, '18:30'),
      endsAt: at(meetingDay, '20:00'),
      recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TU',
      venue: 'Newport Community Hub (demo)',
      onlineUrl: 'https://meet.example.org/gwent-alliance',
      capacity: 40,
      visibility: EventVisibility.NETWORK,
    },
    {
      key: 'gwent-hustings',
      area: 'W15000002',
      organiserOrganisationId: demoOrganisationId('cvs:W06000022'),
      kind: EventKind.PCC_HUSTINGS,
      title: 'Gwent PCC candidates’ hustings (demo)',
      description:
        'Candidates answer questions from voluntary organisations on victims, youth justice and reoffending.',
      startsAt: at(hustingsDay, '19:00'),
      endsAt: at(hustingsDay, '21:00'),
      venue: 'Newport Civic Centre (demo)',
      capacity: 120,
      visibility: EventVisibility.PUBLIC,
    },
    {
      key: 'cleveland-consultation',
      area: 'E23000013',
      organiserOrganisationId: demoOrganisationId('cvs:E06000002'),
      kind: EventKind.CONSULTATION,
      title: 'Cleveland police and crime plan consultation (demo)',
      startsAt: at(consultationDay, '10:00'),
      endsAt: at(consultationDay, '12:30'),
      onlineUrl: 'https://meet.example.org/cleveland-plan',
      visibility: EventVisibility.PUBLIC,
    },
  ];
  return manager.transaction(async (tx) => {
    let events = 0;
    for (const { key, area, ...demo } of demos) {
      const id = demoEventId(key);
      const pfa = areas.get(area);
      if (!pfa || (await tx.existsBy(EventEntity, { id }))) {
        continue;
      }
      await tx.insert(EventEntity, { ...demo, id, policeForceAreaId: pfa.id, timeZone: ZONE });
      await tx.query(
        `INSERT INTO activity_event (tx_id, verb, visibility, police_force_area_code, organisation_id, network_id, event_id, payload)
         VALUES ((pg_current_xact_id()::text)::bigint, 'EVENT_CREATED', $1, $2, $3, $4, $5, $6::jsonb)`,
        [
          demo.visibility === EventVisibility.PUBLIC ? 'PUBLIC' : 'NETWORK',
          pfa.code,
          demo.organiserOrganisationId ?? null,
          demo.networkId ?? null,
          id,
          JSON.stringify({ event: demo.title, demo: true }),
        ],
      );
      events++;
    }
    return { events };
  });
}
