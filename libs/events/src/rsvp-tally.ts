import type { EntityManager } from 'typeorm';
import type { EventEntity } from './event.entities';
import { RsvpAnswer, RsvpPlace } from './event.enums';
import type { RsvpTally } from './event.model';

/** Counts of answers (rows of `answer, place, count` grouped) as a tally. */
export function tallyFrom(
  event: Pick<EventEntity, 'id' | 'capacity'>,
  occurrenceStart: Date | null,
  rows: readonly { answer: RsvpAnswer; place: RsvpPlace; count: string }[],
): RsvpTally {
  const count = (match: (r: (typeof rows)[number]) => boolean): number =>
    rows.filter(match).reduce((sum, r) => sum + Number(r.count), 0);
  const confirmed = count((r) => r.place === RsvpPlace.CONFIRMED);
  return {
    eventId: event.id,
    occurrenceStart,
    capacity: event.capacity,
    confirmed,
    waitlisted: count((r) => r.place === RsvpPlace.WAITLISTED),
    maybe: count((r) => r.answer === RsvpAnswer.MAYBE),
    declined: count((r) => r.answer === RsvpAnswer.DECLINED),
    placesLeft: event.capacity === null ? null : Math.max(0, event.capacity - confirmed),
  };
}

/** An event's (or one occurrence's) tally as `manager` sees it (inside a transaction: its own answers too). */
export async function tallyOf(
  manager: EntityManager,
  event: Pick<EventEntity, 'id' | 'capacity'>,
  occurrenceStart: Date | null,
): Promise<RsvpTally> {
  const rows: { answer: RsvpAnswer; place: RsvpPlace; count: string }[] = await manager.query(
    `SELECT answer, place, count(*) AS count FROM event_rsvp
      WHERE event_id = $1 AND occurrence_start IS NOT DISTINCT FROM $2 GROUP BY answer, place`,
    [event.id, occurrenceStart],
  );
  return tallyFrom(event, occurrenceStart, rows);
}
