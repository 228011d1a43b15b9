import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode } from '@app/common';
import { NetworkService } from '@app/networks';
import type { AnswerEventInput } from './dto/event-mutations.input';
import { EventEntity, EventRsvpEntity } from './event.entities';
import { EventStatus, EventVisibility, RsvpAnswer, RsvpPlace } from './event.enums';
import type { RsvpTally } from './event.model';
import { EventService } from './event.service';
import { occurrenceAt } from './occurrences';
import { fillPlaces, hasPlace } from './fill-places';
import { tallyOf } from './rsvp-tally';

export interface RsvpOutcome {
  readonly rsvp: EventRsvpEntity;
  readonly tally: RsvpTally;
}

/**
 * Answers and places. Every answer locks the event row first, so places are counted and given
 * one answer at a time: two people racing for the last place cannot both get it.
 */
@Injectable()
export class RsvpFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly events: EventService,
    private readonly networks: NetworkService,
  ) {}

  async answer(viewer: ActorRef, input: AnswerEventInput, now = new Date()): Promise<RsvpOutcome> {
    const personId = viewer.personId;
    if (!personId) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only a signed-in person can answer');
    }
    const access = await this.events.accessOf(viewer);
    await this.events.getVisible(access, input.eventId);
    const target = { entity: EventEntity, id: input.eventId, name: 'Event' };
    return this.activity.transactionOn(target, async ({ tx, row: event, record }) => {
      const occurrenceStart = await this.checkOccurrence(tx, event, input.occurrenceStart ?? null, now);
      if (event.visibility === EventVisibility.NETWORK && event.networkId) {
        const inside = await this.networks.isActiveMember(input.organisationId, event.networkId);
        if (!inside) {
          throw new DomainError(ErrorCode.FORBIDDEN, 'Only active members of the network can answer for this event', [
            { field: 'input.organisationId', message: 'is not an active member of the network' },
          ]);
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
          : 0;
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
          promotedFromWaitlist: promoted,
          confirmed: tally.confirmed,
          waitlisted: tally.waitlisted,
        },
      });
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
      throw new DomainError(ErrorCode.CONFLICT, `The event is ${event.status}`, [
        { field: 'input.eventId', message: `is ${event.status}` },
      ]);
    }
    if (!event.recurrenceRule) {
      if (start !== null) {
        throw DomainError.badInput('input.occurrenceStart', 'the event does not recur: leave it out');
      }
      if (event.startsAt <= now) {
        throw new DomainError(ErrorCode.CONFLICT, 'The event has already started', [
          { field: 'input.eventId', message: 'has started' },
        ]);
      }
      return null;
    }
    if (start === null) {
      throw DomainError.badInput('input.occurrenceStart', 'the event recurs: say which occurrence');
    }
    const changes = await this.events.changesOf([event.id]);
    const occurrence = occurrenceAt(event, changes, start);
    if (!occurrence) {
      throw DomainError.badInput('input.occurrenceStart', 'is not an occurrence of the event (use its originalStart)');
    }
    if (occurrence.cancelled || occurrence.startsAt <= now) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        occurrence.cancelled ? 'That occurrence is cancelled' : 'That occurrence has started',
        [{ field: 'input.occurrenceStart', message: occurrence.cancelled ? 'is cancelled' : 'has started' }],
      );
    }
    return start;
  }
}
