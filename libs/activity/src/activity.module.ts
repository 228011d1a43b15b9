import { type DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ActivityEventEntity } from './activity-event.entity';
import { ActivityFeedService } from './activity-feed.service';
import { ActivityRecorder, BENCH_ONLY_SKIP_OUTBOX } from './activity.recorder';
import { ActivityResolver } from './activity.resolver';
import { DataVersion } from './data-version';
import { ActivityHub } from './live/activity-hub';
import { LivePubSub } from './live/live-pubsub';
import { LiveRights } from './live/live-rights';
import { NetworkAudienceRegistry } from './network-audience';
import { ACTIVITY_WAKEUPS, PostgresWakeups, RedisWakeups } from './live/wakeups';
import { redisChannels } from './live/redis-channels';

export const activityEntities = [ActivityEventEntity];
export const activityResolvers = [ActivityResolver];

export interface ActivityOptions {
  /** Carry wake-ups over Redis pub/sub instead of PostgreSQL NOTIFY. */
  readonly redisUrl?: string;
  /**
   * Prefixes every Redis channel (`redisChannels`): deployments (and test runs) sharing one Redis
   * never hear each other. The same on every instance of a deployment (by default its database's name).
   */
  readonly redisNamespace?: string;
  /** Benchmarks only: record nothing and wake nobody, to measure what the outbox costs a mutation. */
  readonly benchOnlySkipOutbox?: boolean;
}

/** The activity outbox (written by every context) and its feeds. Global: every context records. */
@Module({})
export class ActivityModule {
  static forRoot(options: ActivityOptions = {}): DynamicModule {
    const namespace = options.redisNamespace ?? 'default';
    return {
      module: ActivityModule,
      global: true,
      imports: [TypeOrmModule.forFeature(activityEntities)],
      providers: [
        {
          provide: ACTIVITY_WAKEUPS,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource) =>
            options.redisUrl
              ? new RedisWakeups(options.redisUrl, redisChannels(namespace))
              : new PostgresWakeups((dataSource.options as { url: string }).url, (sql, parameters) =>
                  dataSource.query(sql, parameters),
                ),
        },
        { provide: BENCH_ONLY_SKIP_OUTBOX, useValue: options.benchOnlySkipOutbox === true },
        { provide: LivePubSub, useFactory: () => new LivePubSub({ redisUrl: options.redisUrl, namespace }) },
        LiveRights,
        ActivityRecorder,
        NetworkAudienceRegistry,
        ActivityFeedService,
        ActivityHub,
        DataVersion,
        ...activityResolvers,
      ],
      exports: [
        ActivityRecorder,
        NetworkAudienceRegistry,
        DataVersion,
        ActivityHub,
        LiveRights,
        LivePubSub,
        ActivityFeedService,
      ],
    };
  }
}
