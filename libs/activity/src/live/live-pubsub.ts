import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { redisChannels } from './redis-channels';

/** With a Redis URL the live pub/sub spans instances; without it, one process. */
export interface LivePubSubOptions {
  readonly redisUrl?: string;
  /** Prefixes every trigger's Redis channel (see `redisChannels`): deployments sharing a Redis keep apart. */
  readonly namespace?: string;
}

/**
 * The `PubSubEngine` that carries ephemeral live signals (presence, typing) between connections:
 * graphql-subscriptions' in-memory `PubSub` on one instance, `RedisPubSub` (the same REDIS_URL and
 * ioredis client as the activity wake-ups) across instances. Nothing sent here is kept: what must
 * survive goes through the activity outbox. Use `publish`/`subscribe` here rather than the engine's:
 * they put the deployment's namespace on the trigger, and subscribe only once Redis is ready.
 */
@Injectable()
export class LivePubSub implements OnApplicationShutdown {
  private readonly log = new Logger('LivePubSub');
  readonly engine: PubSubEngine;
  readonly transport: 'memory' | 'redis';
  private readonly redis: RedisPubSub | null = null;
  private readonly prefix: string;

  constructor(options: LivePubSubOptions) {
    this.prefix = redisChannels(options.namespace ?? 'default').live;
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

  /** The Redis channel (or in-memory trigger) that carries `trigger` for this deployment. */
  channel(trigger: string): string {
    return `${this.prefix}${trigger}`;
  }

  publish(trigger: string, payload: unknown): Promise<void> {
    return this.engine.publish(this.channel(trigger), payload);
  }

  /**
   * Calls `onMessage` with what any instance of this deployment publishes on `trigger`; resolves
   * once Redis confirmed the subscription.
   *
   * It waits until the subscriber connection is ready. ioredis writes SUBSCRIBE at once while a new
   * connection is still in its handshake (status `connect`, between the TCP connect and the ready
   * check): the subscription is confirmed, which puts the connection in subscriber mode, so the
   * ready check's INFO is refused and ioredis reconnects, without resubscribing (it only restores
   * subscriptions of a connection that had been ready). The subscription was then gone while
   * RedisPubSub believed it held, and this instance heard nothing from the others. On a quiet machine
   * the handshake is over before anyone subscribes; on a loaded one (two test runs at once, CI) it
   * was not.
   */
  async subscribe(trigger: string, onMessage: (message: unknown) => void): Promise<number> {
    if (this.redis) {
      const subscriber = this.redis.getSubscriber();
      if (subscriber.status !== 'ready') {
        await new Promise<void>((resolve) => subscriber.once('ready', () => resolve()));
      }
    }
    return this.engine.subscribe(this.channel(trigger), onMessage, {});
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
