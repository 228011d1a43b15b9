import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityRecorder, ActivityVerb, noting } from '@app/activity';
import { EventActivity } from '../event-activity';
import { EventEntity, EventOccurrenceChangeEntity } from '../event.entities';
import { EventStatus } from '../event.enums';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { type Occurrence, occurrencesOf } from '../occurrences';
import { horizonFrom } from '../schedule';
import { type ReminderJob, ReminderQueue } from './reminder-queue';

/**
 * Reminders, one occurrence at a time: each event has a job for its next occurrence, due the
 * lead time before it starts, planned in the transaction of the change; handling it writes the
 * outbox and plans the one after. A job whose occurrence has since moved or been cancelled finds
 * nothing to remind and lapses (the change planned the new one).
 */
@Injectable()
export class ReminderPlanner implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
    private readonly queue: ReminderQueue,
    private readonly activity: ActivityRecorder,
    private readonly eventActivity: EventActivity,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work((job) => this.remind(job));
  }

  /** Plans the reminder for the event's next occurrence starting after `after`, in `tx`. */
  async plan(tx: EntityManager, event: EventEntity, after = new Date()): Promise<void> {
    const next = await this.nextOccurrence(tx, event, after);
    if (next) {
      const dueAt = new Date(Math.max(Date.now(), next.startsAt.getTime() - this.options.reminderLeadSeconds * 1000));
      await this.queue.plan(tx, { eventId: event.id, startsAt: next.startsAt.toISOString() }, dueAt);
    }
  }

  /**
   * Writes one outbox row per person who said they are going (or maybe) and records the
   * reminder as activity. Idempotent: a second run for the same occurrence writes nothing.
   */
  async remind(job: ReminderJob): Promise<void> {
    const startsAt = new Date(job.startsAt);
    await this.activity.transaction(async (tx, record) => {
      const event = await tx.findOneBy(EventEntity, { id: job.eventId });
      const occurrence =
        event?.status === EventStatus.SCHEDULED
          ? (await this.occurrencesFrom(tx, event, startsAt, new Date(startsAt.getTime() + 1))).find(
              (o) => o.startsAt.getTime() === startsAt.getTime() && !o.cancelled,
            )
          : undefined;
      if (!event || !occurrence) {
        record.unchanged(); // stale: the change that moved or cancelled it planned what follows
        return;
      }
      const rows = await tx.query<unknown[]>(
        `INSERT INTO event_reminder (event_id, occurrence_start, person_id, organisation_id)
         SELECT r.event_id, $2, r.person_id, r.organisation_id
           FROM event_rsvp r
          WHERE r.event_id = $1
            AND r.occurrence_start IS NOT DISTINCT FROM $3
            AND r.answer IN ('GOING', 'MAYBE')
            AND r.place <> 'WAITLISTED' -- no place: told when one frees, not reminded to come
         ON CONFLICT (event_id, occurrence_start, person_id) DO NOTHING
         RETURNING id`,
        [event.id, occurrence.startsAt, event.recurrenceRule ? occurrence.originalStart : null],
      );
      await this.plan(tx, event, new Date(Math.max(Date.now(), startsAt.getTime())));
      if (rows.length === 0) {
        record.unchanged();
        return;
      }
      await noting(
        tx,
        record,
        event,
        this.eventActivity.noter(null),
      )(ActivityVerb.EVENT_REMINDER_DUE, {
        occurrence: occurrence.startsAt.toISOString(),
        reminded: rows.length,
      });
    });
  }

  private async nextOccurrence(tx: EntityManager, event: EventEntity, after: Date): Promise<Occurrence | undefined> {
    if (event.status !== EventStatus.SCHEDULED) {
      return undefined;
    }
    const upcoming = await this.occurrencesFrom(tx, event, after, horizonFrom(after));
    return upcoming.find((o) => !o.cancelled && o.startsAt > after);
  }

  private async occurrencesFrom(tx: EntityManager, event: EventEntity, from: Date, to: Date): Promise<Occurrence[]> {
    const changes = await tx.findBy(EventOccurrenceChangeEntity, { eventId: event.id });
    // Each change may cancel one; the next one left is within that many more.
    return occurrencesOf(event, changes, from, to, changes.length + 2);
  }
}
