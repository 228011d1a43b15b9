import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { LRUCache } from 'lru-cache';
import {
  ActivityHub,
  type ActivityScope,
  ActivityScopeKind,
  ActivitySubscriptionArgs,
  ActivityVerb,
  cursorOf,
  LiveRights,
  RIGHTS_CHANGES,
  RIGHTS_RECHECK_MS,
  rightsSubject,
} from '@app/activity';
import { type ActorRef, mapLive, noLongerAllowed, type RequestContext, startWith } from '@app/common';
import { EventTallyArgs } from './dto/occurrence.args';
import { EventChange, RsvpTally } from './event.model';
import type { EventAccess } from './event-access';
import type { EventEntity } from './event.entities';
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
    private readonly liveRights: LiveRights,
  ) {}

  /** The event (and tallies) as they are after an item, read once for all the subscribers receiving it. */
  private readonly eventAfter = new LRUCache<string, Promise<EventEntity | undefined>>({ max: 5_000, ttl: 10_000 });
  private readonly tallyAfter = new LRUCache<string, Promise<RsvpTally>>({ max: 5_000, ttl: 10_000 });

  @Subscription(() => EventChange, {
    resolve: (change: EventChange) => change,
    description:
      'Changes to events in a feed (national, an area, an organisation, a network or one event) that you may see, ' +
      'with the event as it is now. Resume with `after` set to the last `cursor`. ' +
      'Ends with UNAUTHENTICATED when the credentials it was opened with end (sign-out, revoked or expired token).',
  })
  async eventChanges(
    @Args() { scope, after }: ActivitySubscriptionArgs,
    @Context() context: RequestContext,
  ): Promise<AsyncIterableIterator<EventChange>> {
    const stream = await this.hub.stream(scope, after ?? null, await context.actor(), () => context.currentActor());
    const access = this.accessKeeper(context);
    return mapLive(stream, async (item) => {
      const rights = await access(item.verb);
      if (!EVENT_CHANGES.has(item.verb) || !item.eventId) {
        return undefined;
      }
      // The item was visible when written; the event as it is now must be visible too (it may have become members-only).
      const event = await this.eventAfterItem(cursorOf(item), item.eventId);
      return event && rights.canSee(event)
        ? { verb: item.verb, cursor: cursorOf(item), occurredAt: item.occurredAt, event }
        : undefined;
    });
  }

  @Subscription(() => RsvpTally, {
    resolve: (tally: RsvpTally) => tally,
    description:
      'The tally of an event (or one occurrence): now, then after every answer or capacity change. ' +
      'Ends with FORBIDDEN if you may no longer see the event, with UNAUTHENTICATED when the credentials it was ' +
      'opened with end (sign-out, revoked or expired token).',
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
    const access = this.accessKeeper(context);
    // The event's own feed never shows membership changes: those reach the stream through LiveRights.
    return this.liveRights.guard(
      context,
      startWith(
        first,
        mapLive(stream, async (item) => {
          if (!TALLY_CHANGES.has(item.verb)) {
            return undefined;
          }
          // Still allowed? (e.g. their organisation left the network, or the event became members-only.)
          const cursor = cursorOf(item);
          const current = await this.eventAfterItem(cursor, eventId);
          if (!current || !(await access(item.verb)).canSee(current)) {
            throw noLongerAllowed('event');
          }
          const payloadOccurrence = (item.payload.occurrence as string | null | undefined) ?? null;
          if (
            item.verb === ActivityVerb.EVENT_RSVP_CHANGED &&
            payloadOccurrence !== (occurrence?.toISOString() ?? null)
          ) {
            return undefined;
          }
          const key = `${cursor}|${occurrence?.toISOString() ?? ''}`;
          let tally = this.tallyAfter.get(key);
          if (!tally) {
            tally = this.events.tally(current, occurrence);
            this.tallyAfter.set(key, tally);
          }
          return tally;
        }),
      ),
      {
        what: 'event',
        subjects: event.networkId ? [rightsSubject.network(event.networkId)] : [],
        stillAllowed: (actor) => this.events.getVisible(actor, eventId).then(() => true),
      },
    );
  }

  private eventAfterItem(cursor: string, eventId: string): Promise<EventEntity | undefined> {
    let read = this.eventAfter.get(cursor);
    if (!read) {
      read = this.events.findByIds([eventId]).then(([event]) => event);
      this.eventAfter.set(cursor, read);
    }
    return read;
  }

  /**
   * A subscriber's rights, worked out again when an item may have changed them (a membership
   * change) and otherwise at most every 30 s, rather than on every item.
   */
  private accessKeeper(context: RequestContext): (verb: ActivityVerb) => Promise<EventAccess> {
    let access: Promise<EventAccess> | null = null;
    let since = 0;
    return (verb) => {
      if (!access || RIGHTS_CHANGES.has(verb) || Date.now() - since > RIGHTS_RECHECK_MS) {
        since = Date.now();
        access = context.currentActor().then((actor) => this.events.accessOf(actor));
      }
      return access;
    };
  }
}
