import { Args, Context, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { type ActorRef, CallingActor, type Connection, type RequestContext } from '@app/common';
import type { ActivityEventEntity } from './activity-event.entity';
import { ActivityEvent, ActivityEventConnection } from './activity-event.model';
import { ActivityFeedService } from './activity-feed.service';
import { cursorOf } from './activity-position';
import { ActivityArgs } from './dto/activity.args';
import { ActivitySubscriptionArgs } from './dto/activity-subscription.args';
import { ActivityHub } from './live/activity-hub';

@Resolver(() => ActivityEvent)
export class ActivityResolver {
  constructor(
    private readonly feed: ActivityFeedService,
    private readonly hub: ActivityHub,
  ) {}

  @Query(() => ActivityEventConnection, {
    description:
      'An activity feed, oldest first from a cursor; only items you may see. Resume with `after: pageInfo.endCursor`.',
  })
  activity(
    @Args() { scope, first, after }: ActivityArgs,
    @CallingActor() viewer: ActorRef,
  ): Promise<Connection<ActivityEvent>> {
    return this.feed.page(viewer, scope, first, after);
  }

  @Subscription(() => ActivityEvent, {
    name: 'activity',
    resolve: (item: ActivityEventEntity) => item,
    description:
      'Live activity of a feed: first what came after `after` (that you may see), then new items as they happen. ' +
      'Each item has a `cursor`: reconnect with the last one to miss nothing and get nothing twice. ' +
      'Ends with UNAUTHENTICATED when the credentials it was opened with end (sign-out, revoked or expired token).',
  })
  async activityStream(
    @Args() { scope, after }: ActivitySubscriptionArgs,
    @Context() context: RequestContext,
  ): Promise<AsyncIterableIterator<ActivityEventEntity>> {
    return this.hub.stream(scope, after ?? null, await context.actor(), () => context.currentActor());
  }

  @ResolveField(() => String, { description: 'Position of this item, for `after` when resuming.' })
  cursor(@Parent() item: ActivityEventEntity): string {
    return cursorOf(item);
  }
}
