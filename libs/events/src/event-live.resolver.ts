import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import {
  ActivityHub,
  type ActivityScope,
  ActivityScopeKind,
  ActivitySubscriptionArgs,
  ActivityVerb,
  cursorOf,
} from '@app/activity';
import { type ActorRef, mapLive, noLongerAllowed, type RequestContext, startWith } from '@app/common';
import { EventTallyArgs } from './dto/occurrence.args';
import { EventChange, RsvpTally } from './event.model';
import { EventService } from './event.service';

/** Changes to events themselves (RSVPs and reminders have their own feeds). */
const EVENT_CHANGES: ReadonlySet<ActivityVerb> = new Set([
  ActivityVerb.EVENT_CREATED,
  ActivityVerb.EVENT_UPDATED,
  ActivityVerb.EVENT_RESCHEDULED,
  ActivityVerb.EVENT_STATUS_CHANGED,
  ActivityVerb.EVENT_OCCURRENCE_CHANGED,
  ActivityVerb.EVENT_AGENDA_SET,
  ActivityVerb.EVENT_MINUTES_RECORDED,
]);
/** What moves a tally: answers, and capacity or status changes. */
const TALLY_CHANGES: ReadonlySet<ActivityVerb> = new Set([
  ActivityVerb.EVENT_RSVP_CHANGED,
  ActivityVerb.EVENT_UPDATED,
  ActivityVerb.EVENT_STATUS_CHANGED,
]);

/** The tally feed reads every item of the event; who may follow it is checked per subscriber. */
const TALLY_READER: ActorRef = { kind: 'SYSTEM', platformAdmin: true };

/** Live events, through the activity backbone (resumable, authorised per subscriber). */
@Resolver()
export class EventLiveResolver {
  constructor(
    private readonly hub: ActivityHub,
    private readonly events: EventService,
  ) {}

  @Subscription(() => EventChange, {
    resolve: (change: EventChange) => change,
    description:
      'Changes to events in a feed (national, an area, an organisation, a network or one event) that you may see, ' +
      'with the event as it is now. Resume with `after` set to the last `cursor`.',
  })
  async eventChanges(
    @Args() { scope, after }: ActivitySubscriptionArgs,
    @Context() context: RequestContext,
  ): Promise<AsyncIterableIterator<EventChange>> {
    const stream = await this.hub.stream(scope, after ?? null, await context.actor(), () => context.currentActor());
    return mapLive(stream, async (item) => {
      if (!EVENT_CHANGES.has(item.verb) || !item.eventId) {
        return undefined;
      }
      // The item was visible when written; the event as it is now must be visible too (it may have become members-only).
      const event = await this.events.getVisible(await context.currentActor(), item.eventId).catch(() => undefined);
      return event ? { verb: item.verb, cursor: cursorOf(item), occurredAt: item.occurredAt, event } : undefined;
    });
  }

  @Subscription(() => RsvpTally, {
    resolve: (tally: RsvpTally) => tally,
    description:
      'The tally of an event (or one occurrence): now, then after every answer or capacity change. ' +
      'Ends if you may no longer see the event.',
  })
  async eventRsvpTally(
    @Args() { eventId, occurrenceStart }: EventTallyArgs,
    @Context() context: RequestContext,
  ): Promise<AsyncIterableIterator<RsvpTally>> {
    const event = await this.events.getVisible(await context.actor(), eventId);
    const occurrence = occurrenceStart ?? null;
    const scope: ActivityScope = { kind: ActivityScopeKind.EVENT, target: event.id };
    const stream = await this.hub.stream(scope, null, TALLY_READER, () => Promise.resolve(TALLY_READER));
    const first = await this.events.tally(event, occurrence);
    return startWith(
      first,
      mapLive(stream, async (item) => {
        if (!TALLY_CHANGES.has(item.verb)) {
          return undefined;
        }
        // Still allowed? (e.g. their organisation left the network): re-read with current rights.
        const current = await this.events.getVisible(await context.currentActor(), eventId).catch(() => {
          throw noLongerAllowed('event');
        });
        const payloadOccurrence = (item.payload.occurrence as string | null | undefined) ?? null;
        if (
          item.verb === ActivityVerb.EVENT_RSVP_CHANGED &&
          payloadOccurrence !== (occurrence?.toISOString() ?? null)
        ) {
          return undefined;
        }
        return this.events.tally(current, occurrence);
      }),
    );
  }
}
