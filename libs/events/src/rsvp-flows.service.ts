import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility, type RecordActivity } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode, CommonRefusal } from '@app/common';
import { lockRow } from '@app/database';
import { type EndedMembership, MembershipReactions, NetworkService, NetworkRefusal } from '@app/networks';
import type { AnswerEventInput } from './dto/event-mutations.input';
import { EventEntity, EventRsvpEntity } from './event.entities';
import { EventStatus, EventVisibility, RsvpAnswer, RsvpPlace } from './event.enums';
import type { RsvpTally } from './event.model';
import { EventService } from './event.service';
import { occurrenceAt } from './occurrences';
import { fillPlaces, hasPlace, notePromotions } from './fill-places';
import { tallyOf } from './rsvp-tally';
import { EventRefusal } from './events.errors';

export interface RsvpOutcome {
  readonly rsvp: EventRsvpEntity;
  readonly tally: RsvpTally;
}

/**
 * Answers and places. Every answer locks the event row first, so places are counted and given
 * one answer at a time: two people racing for the last place cannot both get it.
 */
@Injectable()
export class RsvpFlowsService implements OnModuleInit {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly events: EventService,
    private readonly networks: NetworkService,
    private readonly memberships: MembershipReactions,
  ) {}

  onModuleInit(): void {
    this.memberships.onEnded((tx, record, ended) => this.withdrawForEndedMembership(tx, record, ended));
  }

  /**
   * An organisation that left or was removed from a network loses its answers (and so its places)
   * at the network's coming members-only events, and the waitlist moves up; in the membership's
   * transaction. Each event row is locked (in id order) as an answer would lock it, so places are
   * never counted twice. One activity item per occurrence changed, as an answer records.
   */
  async withdrawForEndedMembership(
    tx: EntityManager,
    record: RecordActivity,
    ended: EndedMembership,
    now = new Date(),
  ): Promise<void> {
    const eventIds = await tx.query<{ id: string }[]>(
      `SELECT DISTINCT e.id FROM event e JOIN event_rsvp r ON r.event_id = e.id
        WHERE e.network_id = $1 AND e.visibility = 'NETWORK' AND e.status IN ('SCHEDULED', 'POSTPONED')
          AND r.organisation_id = $2 AND COALESCE(r.occurrence_start, e.starts_at) > $3
        ORDER BY e.id`,
      [ended.networkId, ended.organisationId, now],
    );
    for (const { id } of eventIds) {
      // Within the membership's activity transaction: the one lock this context takes on an event there.
      const event = await lockRow(tx, EventEntity, { id });
      if (!event) {
        continue;
      }
      const [withdrawn] = await tx.query<[{ occurrence_start: Date | null; place: RsvpPlace }[], number]>(
        `DELETE FROM event_rsvp r
          WHERE r.event_id = $1 AND r.organisation_id = $2 AND COALESCE(r.occurrence_start, $3) > $4
          RETURNING r.occurrence_start, r.place`,
        [event.id, ended.organisationId, event.startsAt, now],
      );
      const byOccurrence = new Map<string, { start: Date | null; answers: number; places: number }>();
      for (const row of withdrawn) {
        const key = row.occurrence_start?.toISOString() ?? '';
        const entry = byOccurrence.get(key) ?? { start: row.occurrence_start, answers: 0, places: 0 };
        entry.answers++;
        entry.places += row.place === RsvpPlace.CONFIRMED ? 1 : 0;
        byOccurrence.set(key, entry);
      }
      for (const { start, answers, places } of byOccurrence.values()) {
        const promoted = places > 0 ? await fillPlaces(tx, event, start) : [];
        const tally = await tallyOf(tx, event, start);
        await record({
          verb: ActivityVerb.EVENT_RSVP_CHANGED,
          visibility: ActivityVisibility.NETWORK,
          actorPersonId: ended.actorPersonId,
          actorOrganisationId: ended.organisationId,
          organisationId: event.organiserOrganisationId,
          networkId: event.networkId,
          eventId: event.id,
          payload: {
            event: event.title,
            occurrence: start?.toISOString() ?? null,
            withdrawnBecause: 'MEMBERSHIP_ENDED',
            organisation: ended.organisationName,
            answersWithdrawn: answers,
            placesWithdrawn: places,
            promotedFromWaitlist: promoted.length,
            confirmed: tally.confirmed,
            waitlisted: tally.waitlisted,
          },
        });
        await notePromotions(record, event, promoted, ended.actorPersonId);
      }
    }
  }

  async answer(actor: ActorRef, input: AnswerEventInput, now = new Date()): Promise<RsvpOutcome> {
    const personId = actor.personId;
    if (!personId) {
      throw new DomainError(ErrorCode.FORBIDDEN, CommonRefusal.NOT_A_PERSON, 'Only a signed-in person can answer');
    }
    const access = await this.events.accessOf(actor);
    await this.events.getVisible(access, input.eventId);
    const target = { entity: EventEntity, id: input.eventId, name: 'Event' };
    return this.activity.transactionOn(target, async ({ tx, row: event, record }) => {
      const occurrenceStart = await this.checkOccurrence(tx, event, input.occurrenceStart ?? null, now);
      if (event.visibility === EventVisibility.NETWORK && event.networkId) {
        const inside = await this.networks.isActiveMember(input.organisationId, event.networkId);
        if (!inside) {
          throw new DomainError(
            ErrorCode.FORBIDDEN,
            NetworkRefusal.NOT_A_MEMBER,
            'Only active members of the network can answer for this event',
            [{ field: 'input.organisationId', message: 'is not an active member of the network' }],
          );
        }
      }
      const previous = await tx.findOneBy(EventRsvpEntity, {
        eventId: event.id,
        personId,
        occurrenceStart: occurrenceStart ?? IsNull(),
      });
      if (previous && previous.answer === input.answer && previous.organisationId === input.organisationId) {
        record.unchanged();
        return { rsvp: previous, tally: await tallyOf(tx, event, occurrenceStart) };
      }
      const keepsPlace = previous?.answer === RsvpAnswer.GOING && input.answer === RsvpAnswer.GOING;
      const place = keepsPlace
        ? previous.place
        : input.answer !== RsvpAnswer.GOING
          ? RsvpPlace.NONE
          : (await hasPlace(tx, event, occurrenceStart))
            ? RsvpPlace.CONFIRMED
            : RsvpPlace.WAITLISTED;
      const values = { organisationId: input.organisationId, answer: input.answer, place, answeredAt: new Date() };
      let id: string;
      if (previous) {
        // A new place or waitlist spot goes to the back of the queue; a kept one keeps its time.
        await tx.update(
          EventRsvpEntity,
          { id: previous.id },
          keepsPlace ? values : { ...values, placeSince: () => 'clock_timestamp()' },
        );
        id = previous.id;
      } else {
        ({ id } = await tx.save(
          tx.create(EventRsvpEntity, { eventId: event.id, occurrenceStart, personId, ...values }),
        ));
      }
      const promoted =
        previous?.place === RsvpPlace.CONFIRMED && place !== RsvpPlace.CONFIRMED
          ? await fillPlaces(tx, event, occurrenceStart)
          : [];
      const rsvp = await tx.findOneByOrFail(EventRsvpEntity, { id });
      const tally = await tallyOf(tx, event, occurrenceStart);
      await record({
        verb: ActivityVerb.EVENT_RSVP_CHANGED,
        // Who answered is for the network (or the answering organisation), not the public.
        visibility: event.networkId ? ActivityVisibility.NETWORK : ActivityVisibility.ORGANISATION,
        actorPersonId: personId,
        actorOrganisationId: input.organisationId,
        organisationId: event.networkId ? event.organiserOrganisationId : input.organisationId,
        networkId: event.networkId,
        eventId: event.id,
        payload: {
          event: event.title,
          occurrence: occurrenceStart?.toISOString() ?? null,
          answer: input.answer,
          place,
          promotedFromWaitlist: promoted.length,
          confirmed: tally.confirmed,
          waitlisted: tally.waitlisted,
        },
      });
      await notePromotions(record, event, promoted, personId);
      return { rsvp, tally };
    });
  }

  /** The occurrence answered for: none for a single event, a live future one of a series. */
  private async checkOccurrence(
    tx: EntityManager,
    event: EventEntity,
    start: Date | null,
    now: Date,
  ): Promise<Date | null> {
    if (event.status !== EventStatus.SCHEDULED) {
      throw new DomainError(ErrorCode.CONFLICT, EventRefusal.EVENT_NOT_SCHEDULED, `The event is ${event.status}`, [
        { field: 'input.eventId', message: `is ${event.status}` },
      ]);
    }
    if (!event.recurrenceRule) {
      if (start !== null) {
        throw DomainError.invalidInput('input.occurrenceStart', 'the event does not recur: leave it out');
      }
      if (event.startsAt <= now) {
        throw new DomainError(ErrorCode.CONFLICT, EventRefusal.EVENT_STARTED, 'The event has already started', [
          { field: 'input.eventId', message: 'has started' },
        ]);
      }
      return null;
    }
    if (start === null) {
      throw DomainError.invalidInput('input.occurrenceStart', 'the event recurs: say which occurrence');
    }
    const changes = await this.events.changesOf([event.id]);
    const occurrence = occurrenceAt(event, changes, start);
    if (!occurrence) {
      throw DomainError.invalidInput(
        'input.occurrenceStart',
        'is not an occurrence of the event (use its originalStart)',
      );
    }
    if (occurrence.cancelled || occurrence.startsAt <= now) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        occurrence.cancelled ? EventRefusal.OCCURRENCE_CANCELLED : EventRefusal.EVENT_STARTED,
        occurrence.cancelled ? 'That occurrence is cancelled' : 'That occurrence has started',
        [{ field: 'input.occurrenceStart', message: occurrence.cancelled ? 'is cancelled' : 'has started' }],
      );
    }
    return start;
  }
}
