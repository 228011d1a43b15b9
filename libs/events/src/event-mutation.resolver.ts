import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type ActorRef, CallingActor } from '@app/common';
import {
  AnswerEventInput,
  ChangeEventStatusInput,
  ChangeOccurrenceInput,
  CreateEventInput,
  RecordEventMinutesInput,
  RescheduleEventInput,
  SetEventAgendaInput,
  UpdateEventInput,
} from './dto/event-mutations.input';
import { EventFlowsService, type EventOutcome, type RescheduleOutcome } from './event-flows.service';
import { EventPayload, RescheduleEventPayload, RsvpPayload } from './event.model';
import { RsvpFlowsService } from './rsvp-flows.service';

/** Scheduling; who may is decided by the operation policy (the organisers) before these run. */
@Resolver()
export class EventMutationResolver {
  constructor(
    private readonly flows: EventFlowsService,
    private readonly rsvps: RsvpFlowsService,
  ) {}

  @Mutation(() => EventPayload, {
    description:
      "Schedules an event (a network's convenors, or people of the organising organisation). " +
      'Warns of clashes; never refuses for them.',
  })
  createEvent(@Args('input') input: CreateEventInput, @CallingActor() viewer: ActorRef): Promise<EventOutcome> {
    return this.flows.create(viewer, input);
  }

  @Mutation(() => EventPayload, { description: "Changes an event's details (organisers)." })
  updateEvent(@Args('input') input: UpdateEventInput, @CallingActor() viewer: ActorRef): Promise<EventOutcome> {
    return this.flows.update(viewer, input);
  }

  @Mutation(() => RescheduleEventPayload, {
    description:
      'Moves an event or series (organisers); a POSTPONED event is SCHEDULED again. Warns of clashes. ' +
      "A series' cancelled and moved occurrences follow their local day; `exceptions` says which were kept, moved or dropped.",
  })
  rescheduleEvent(
    @Args('input') input: RescheduleEventInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<RescheduleOutcome> {
    return this.flows.reschedule(viewer, input);
  }

  @Mutation(() => EventPayload, {
    description: 'Postpones, cancels or completes an event, with a reason (organisers).',
  })
  changeEventStatus(
    @Args('input') input: ChangeEventStatusInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<EventOutcome> {
    return this.flows.changeStatus(viewer, input);
  }

  @Mutation(() => EventPayload, {
    description: 'Moves, cancels or restores one occurrence of a recurring event (organisers).',
  })
  changeEventOccurrence(
    @Args('input') input: ChangeOccurrenceInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<EventOutcome> {
    return this.flows.changeOccurrence(viewer, input);
  }

  @Mutation(() => EventPayload, { description: "Replaces an event's agenda (organisers)." })
  setEventAgenda(@Args('input') input: SetEventAgendaInput, @CallingActor() viewer: ActorRef): Promise<EventOutcome> {
    return this.flows.setAgenda(viewer, input);
  }

  @Mutation(() => EventPayload, { description: 'Records the minutes once an event has taken place (organisers).' })
  recordEventMinutes(
    @Args('input') input: RecordEventMinutesInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<EventOutcome> {
    return this.flows.recordMinutes(viewer, input);
  }

  @Mutation(() => RsvpPayload, {
    description:
      'Answers for an organisation you work for. GOING takes a place, or joins the waitlist when full; ' +
      'a place freed goes to the waitlist in order.',
  })
  answerEvent(@Args('input') input: AnswerEventInput, @CallingActor() viewer: ActorRef): Promise<RsvpPayload> {
    return this.rsvps.answer(viewer, input);
  }
}
