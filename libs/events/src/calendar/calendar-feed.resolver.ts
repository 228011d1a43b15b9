import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ActingPersonId, DomainError, ErrorCode, CommonRefusal } from '@app/common';
import {
  CalendarFeed,
  CalendarFeedPayload,
  CreateCalendarFeedInput,
  CreateCalendarFeedPayload,
  RevokeCalendarFeedInput,
} from './calendar-feed.model';
import { CalendarFeedFlowsService } from './calendar-feed-flows.service';
import { CalendarFeedService } from './calendar-feed.service';

/** The operation policy lets signed-in people only; each acts on their own feeds. */
@Resolver()
export class CalendarFeedResolver {
  constructor(
    private readonly calendars: CalendarFeedService,
    private readonly feeds: CalendarFeedFlowsService,
  ) {}

  @Query(() => [CalendarFeed], { description: 'Your private calendar feeds, revoked ones included.' })
  calendarFeeds(@ActingPersonId() personId: string | null): Promise<CalendarFeed[]> {
    return this.calendars.list(person(personId));
  }

  @Mutation(() => CreateCalendarFeedPayload, {
    description:
      "A private iCalendar feed of your networks' and organisations' events and those you answered; " +
      'anyone with its URL can read it until you revoke it.',
  })
  async createCalendarFeed(
    @Args('input') input: CreateCalendarFeedInput,
    @ActingPersonId() personId: string | null,
  ): Promise<CreateCalendarFeedPayload> {
    const { feed, token } = await this.feeds.create(person(personId), input.label?.trim() || null);
    return { feed, path: `/calendars/feeds/${token}.ics` };
  }

  @Mutation(() => CalendarFeedPayload, { description: 'Revokes one of your feeds: its URL then answers 404.' })
  async revokeCalendarFeed(
    @Args('input') input: RevokeCalendarFeedInput,
    @ActingPersonId() personId: string | null,
  ): Promise<CalendarFeedPayload> {
    return { feed: await this.feeds.revoke(person(personId), input.feedId) };
  }
}

function person(personId: string | null): string {
  if (!personId) {
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      CommonRefusal.NOT_A_PERSON,
      'Only a signed-in person has calendar feeds',
    );
  }
  return personId;
}
