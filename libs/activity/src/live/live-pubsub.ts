import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';

/** With a Redis URL the live pub/sub spans instances; without it, one process. */
export interface LivePubSubOptions {
  readonly redisUrl?: string;
}

/**
 * The `PubSubEngine` that carries ephemeral live signals (presence, typing) between connections:
 * graphql-subscriptions' in-memory `PubSub` on one instance, `RedisPubSub` (the same REDIS_URL and
 * ioredis client as the activity wake-ups) across instances. Nothing sent here is kept: what must
 * survive goes through the activity outbox.
 */
@Injectable()
export class LivePubSub implements OnApplicationShutdown {
  private readonly log = new Logger('LivePubSub');
  readonly engine: PubSubEngine;
  readonly transport: 'memory' | 'redis';
  private readonly redis: RedisPubSub | null = null;

  constructor(options: LivePubSubOptions) {
    if (!options.redisUrl) {
      this.engine = new PubSub();
      this.transport = 'memory';
      return;
    }
    let down = false;
    const publisher = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
    const subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    publisher.on('error', () => undefined); // reported once, by the subscriber
    subscriber.on('error', (error) => {
      if (!down) {
        down = true;
        this.log.warn({ err: error }, 'Redis is unreachable; presence on other instances fades until it is back');
      }
    });
    subscriber.on('ready', () => {
      down = false;
    });
    this.redis = new RedisPubSub({
      publisher,
      subscriber,
      // A message that is not JSON (someone else on the channel) is dropped, not thrown.
      deserializer: (source) => {
        try {
          return JSON.parse(source.toString()) as unknown;
        } catch {
          return undefined;
        }
      },
    });
    this.engine = this.redis;
    this.transport = 'redis';
  }

  /**
   * Ends a subscription. With Redis down the unsubscribe command would fail later, unhandled, so
   * it is sent only on a ready connection (a dropped connection has forgotten it anyway).
   */
  unsubscribe(subscription: number): void {
    if (!this.redis) {
      this.engine.unsubscribe(subscription);
    } else if (this.redis.getSubscriber().status === 'ready') {
      this.redis.unsubscribe(subscription);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) {
      this.redis.getSubscriber().disconnect();
      this.redis.getPublisher().disconnect();
    }
    await Promise.resolve();
  }
}
