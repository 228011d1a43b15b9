import type { EntityManager } from 'typeorm';
import type { EventEntity } from './event.entities';

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
 * holds the event row lock. Returns how many were promoted.
 */
export async function fillPlaces(
  tx: EntityManager,
  event: Pick<EventEntity, 'id' | 'capacity'>,
  occurrenceStart?: Date | null,
): Promise<number> {
  const occurrences: (Date | null)[] =
    occurrenceStart !== undefined
      ? [occurrenceStart]
      : (
          await tx.query<{ occurrence_start: Date | null }[]>(
            `SELECT DISTINCT occurrence_start FROM event_rsvp WHERE event_id = $1 AND place = 'WAITLISTED'`,
            [event.id],
          )
        ).map((r) => r.occurrence_start);
  let promoted = 0;
  for (const occurrence of occurrences) {
    const free = event.capacity === null ? null : event.capacity - (await confirmedCount(tx, event.id, occurrence));
    if (free !== null && free <= 0) {
      continue;
    }
    const [returned] = await tx.query<[unknown[], number]>(
      `UPDATE event_rsvp SET place = 'CONFIRMED', place_since = clock_timestamp()
        WHERE id IN (SELECT id FROM event_rsvp
                      WHERE event_id = $1 AND occurrence_start IS NOT DISTINCT FROM $2 AND place = 'WAITLISTED'
                      ORDER BY place_since, id LIMIT $3)
        RETURNING id`,
      [event.id, occurrence, free],
    );
    promoted += returned.length;
  }
  return promoted;
}
