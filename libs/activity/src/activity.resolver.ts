import { Args, Query, Resolver } from '@nestjs/graphql';
import { type ActorRef, CallingActor, type Connection } from '@app/common';
import { ActivityEvent, ActivityEventConnection } from './activity-event.model';
import { ActivityFeedService } from './activity-feed.service';
import { ActivityArgs } from './dto/activity.args';

@Resolver(() => ActivityEvent)
export class ActivityResolver {
  constructor(private readonly feed: ActivityFeedService) {}

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
}
