import type { EntityManager } from 'typeorm';
import { ActivityVerb, ActivityVisibility, type RecordActivity } from '@app/activity';
import type { EventEntity } from './event.entities';

/** An answer that moved from the waitlist to a place. */
export interface Promotion {
  readonly rsvpId: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly occurrenceStart: Date | null;
}

/** Whether a new GOING answer gets a place (the event row is locked by the caller). */
export async function hasPlace(tx: EntityManager, event: EventEntity, occurrenceStart: Date | null): Promise<boolean> {
  if (event.capacity === null) {
    return true;
  }
  return (await confirmedCount(tx, event.id, occurrenceStart)) < event.capacity;
}

async function confirmedCount(tx: EntityManager, eventId: string, occurrenceStart: Date | null): Promise<number> {
  const [{ count }] = await tx.query<[{ count: string }]>(
    `SELECT count(*) AS count FROM event_rsvp
      WHERE event_id = $1 AND occurrence_start IS NOT DISTINCT FROM $2 AND place = 'CONFIRMED'`,
    [eventId, occurrenceStart],
  );
  return Number(count);
}

/**
 * Gives free places to the waitlist in order (earliest `placeSince` first), for one occurrence
 * or, with `occurrenceStart` left out, for every occurrence that has a waitlist. The caller
 * holds the event row lock. Returns who was promoted (their answers).
 */
export async function fillPlaces(
  tx: EntityManager,
  event: Pick<EventEntity, 'id' | 'capacity'>,
  occurrenceStart?: Date | null,
): Promise<Promotion[]> {
  const occurrences: (Date | null)[] =
    occurrenceStart !== undefined
      ? [occurrenceStart]
      : (
          await tx.query<{ occurrence_start: Date | null }[]>(
            `SELECT DISTINCT occurrence_start FROM event_rsvp WHERE event_id = $1 AND place = 'WAITLISTED'`,
            [event.id],
          )
        ).map((r) => r.occurrence_start);
  const promoted: Promotion[] = [];
  for (const occurrence of occurrences) {
    const free = event.capacity === null ? null : event.capacity - (await confirmedCount(tx, event.id, occurrence));
    if (free !== null && free <= 0) {
      continue;
    }
    const [returned] = await tx.query<
      [{ id: string; person_id: string; organisation_id: string; occurrence_start: Date | null }[], number]
    >(
      `UPDATE event_rsvp SET place = 'CONFIRMED', place_since = clock_timestamp()
        WHERE id IN (SELECT id FROM event_rsvp
                      WHERE event_id = $1 AND occurrence_start IS NOT DISTINCT FROM $2 AND place = 'WAITLISTED'
                      ORDER BY place_since, id LIMIT $3)
        RETURNING id, person_id, organisation_id, occurrence_start`,
      [event.id, occurrence, free],
    );
    promoted.push(
      ...returned.map((r) => ({
        rsvpId: r.id,
        personId: r.person_id,
        organisationId: r.organisation_id,
        occurrenceStart: r.occurrence_start,
      })),
    );
  }
  return promoted;
}

/**
 * Records one item per promotion, naming the person promoted (so that they, and only those who
 * may see answers, are told): for a network's event, news to its members and to the promoted
 * person's organisation; otherwise to that organisation alone, as answers are.
 */
export async function notePromotions(
  record: RecordActivity,
  event: Pick<EventEntity, 'id' | 'title' | 'networkId'>,
  promoted: readonly Promotion[],
  actorPersonId: string | null,
): Promise<void> {
  for (const p of promoted) {
    await record({
      verb: ActivityVerb.EVENT_WAITLIST_PROMOTED,
      visibility: event.networkId ? ActivityVisibility.NETWORK : ActivityVisibility.ORGANISATION,
      actorPersonId,
      organisationId: p.organisationId,
      networkId: event.networkId,
      eventId: event.id,
      payload: {
        event: event.title,
        occurrence: p.occurrenceStart?.toISOString() ?? null,
        rsvpId: p.rsvpId,
        promotedPersonId: p.personId,
        promotedOrganisationId: p.organisationId,
      },
    });
  }
}
