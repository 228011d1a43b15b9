import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GeographyModule } from '@app/geography';
import { NetworksModule } from '@app/networks';
import { OrganisationsModule } from '@app/organisations';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarFeedResolver } from './calendar/calendar-feed.resolver';
import { CalendarFeedFlowsService } from './calendar/calendar-feed-flows.service';
import { CalendarFeedService } from './calendar/calendar-feed.service';
import { EventActivity } from './event-activity';
import { EventPolicyFacts } from './event-policy-facts';
import { EventFlowsService } from './event-flows.service';
import { EventLiveResolver } from './event-live.resolver';
import { EventMutationResolver } from './event-mutation.resolver';
import {
  CalendarFeedEntity,
  EventAgendaItemEntity,
  EventEntity,
  EventOccurrenceChangeEntity,
  EventReminderEntity,
  EventRsvpEntity,
} from './event.entities';
import { EventLoaderFactory } from './event.loader';
import { EventOccurrenceResolver, EventResolver, EventRsvpResolver } from './event.resolver';
import { EventService } from './event.service';
import { EVENTS_OPTIONS, type EventsOptions } from './events.options';
import { PollAnswerEntity, SchedulingPollEntity, PollSlotEntity } from './polls/poll.entities';
import { PollLoaderFactory } from './polls/poll.loader';
import { PollResolver } from './polls/poll.resolver';
import { PollFlowsService } from './polls/poll-flows.service';
import { PollService } from './polls/poll.service';
import { ReminderPlanner } from './reminders/reminder-planner';
import { ReminderQueue } from './reminders/reminder-queue';
import { RsvpFlowsService } from './rsvp-flows.service';

export const eventsEntities = [
  EventEntity,
  EventOccurrenceChangeEntity,
  EventAgendaItemEntity,
  EventRsvpEntity,
  EventReminderEntity,
  CalendarFeedEntity,
  SchedulingPollEntity,
  PollSlotEntity,
  PollAnswerEntity,
];
export const eventsResolvers = [
  EventResolver,
  EventOccurrenceResolver,
  EventRsvpResolver,
  EventMutationResolver,
  EventLiveResolver,
  CalendarFeedResolver,
  PollResolver,
];

/** Event scheduling: events, RSVPs, polls, calendars and reminders. */
@Module({})
export class EventsModule {
  static forRoot(options: EventsOptions): DynamicModule {
    return {
      module: EventsModule,
      global: true, // the operation policy (in the API module) looks up events' organisers
      imports: [TypeOrmModule.forFeature(eventsEntities), GeographyModule, OrganisationsModule, NetworksModule],
      controllers: [CalendarController],
      providers: [
        { provide: EVENTS_OPTIONS, useValue: options },
        EventService,
        EventActivity,
        EventPolicyFacts,
        EventFlowsService,
        RsvpFlowsService,
        CalendarFeedService,
        CalendarFeedFlowsService,
        PollService,
        PollFlowsService,
        PollLoaderFactory,
        EventLoaderFactory,
        ReminderQueue,
        ReminderPlanner,
        ...eventsResolvers,
      ],
      exports: [EventService, EventPolicyFacts],
    };
  }
}
