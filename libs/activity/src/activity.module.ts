import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityEventEntity } from './activity-event.entity';
import { ActivityFeedService } from './activity-feed.service';
import { ActivityRecorder } from './activity.recorder';
import { ActivityResolver } from './activity.resolver';
import { ActivityHub } from './live/activity-hub';

export const activityEntities = [ActivityEventEntity];
export const activityResolvers = [ActivityResolver];

/** The activity outbox (written by every context) and its feeds. Global: every context records. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(activityEntities)],
  providers: [ActivityRecorder, ActivityFeedService, ActivityHub, ...activityResolvers],
  exports: [ActivityRecorder],
})
export class ActivityModule {}
