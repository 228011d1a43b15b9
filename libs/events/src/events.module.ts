import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DraftingModule } from '@app/drafting';
import { GeographyModule } from '@app/geography';
import { NetworksModule } from '@app/networks';
import { OrganisationsModule } from '@app/organisations';
import { CalendarController } from './calendar/calendar.controller';
import { AttendeesExportController } from './export/attendees-export.controller';
import { AttendeesExportService } from './export/attendees-export.service';
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
import { PollAnswerEntity, SchedulingPollEntity, PollSlotEntity } from './polls/poll.entities';
import { PollLoaderFactory } from './polls/poll.loader';
import { PollResolver, PollSlotAnswerResolver } from './polls/poll.resolver';
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
  PollSlotAnswerResolver,
];

/**
 * Event scheduling: events, RSVPs, polls, calendars and reminders. Its options (`EVENTS_OPTIONS`)
 * come from the composition root, which provides them to every module.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(eventsEntities),
    GeographyModule,
    OrganisationsModule,
    NetworksModule,
    DraftingModule,
  ],
  controllers: [CalendarController, AttendeesExportController],
  providers: [
    EventService,
    EventActivity,
    EventPolicyFacts,
    EventFlowsService,
    RsvpFlowsService,
    CalendarFeedService,
    CalendarFeedFlowsService,
    AttendeesExportService,
    PollService,
    PollFlowsService,
    PollLoaderFactory,
    EventLoaderFactory,
    ReminderQueue,
    ReminderPlanner,
    ...eventsResolvers,
  ],
  exports: [EventService, PollService],
})
export class EventsModule {}
