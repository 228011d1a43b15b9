import { afterEach, describe, expect, it } from '@jest/globals';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { eventually } from '@app/testing';
import { LivePubSub } from './live-pubsub';

// Needs a Redis server: CI sets TEST_REDIS_URL (the machine's Redis); elsewhere it is skipped.
const redisUrl = process.env.TEST_REDIS_URL ?? '';
const suffix = redisUrl ? '' : ' (skipped: no TEST_REDIS_URL)';

(redisUrl ? describe : describe.skip)(`LivePubSub over Redis${suffix}`, () => {
  const opened: LivePubSub[] = [];
  const probes: Redis[] = [];
  const live = (namespace: string): LivePubSub => {
    const pubsub = new LivePubSub({ redisUrl, namespace });
    opened.push(pubsub);
    return pubsub;
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((pubsub) => pubsub.onApplicationShutdown()));
    probes.splice(0).forEach((probe) => probe.disconnect());
  });

  it('keeps a subscription asked for while the new connection is still in its handshake', async () => {
    // The moment the presence service used to subscribe on a loaded machine: TCP connected, ready
    // check not yet done. A SUBSCRIBE written then was confirmed, then lost when ioredis reconnected.
    const pubsub = live(`test-${randomUUID()}`);
    const subscriber = (pubsub.engine as RedisPubSub).getSubscriber();
    await new Promise((resolve) => subscriber.once('connect', resolve));
    expect(subscriber.status).toBe('connect');

    const heard: unknown[] = [];
    await pubsub.subscribe('probe', (message) => heard.push(message));
    const probe = new Redis(redisUrl);
    probes.push(probe);
    const [, count] = (await probe.pubsub('NUMSUB', pubsub.channel('probe'))) as [string, number];
    expect(count).toBe(1);
    expect(subscriber.status).toBe('ready');
    await pubsub.publish('probe', { n: 1 });
    await eventually(() => (heard.length ? true : undefined), { what: 'the message on the subscribed channel' });
    expect(heard).toEqual([{ n: 1 }]);
  });

  it('carries a trigger only between instances of one namespace', async () => {
    const ours = `test-${randomUUID()}`;
    const [x1, x2, y] = [live(ours), live(ours), live(`test-${randomUUID()}`)];
    const heard = new Map<LivePubSub, unknown[]>([
      [x1, []],
      [y, []],
    ]);
    for (const [pubsub, messages] of heard) {
      await pubsub.subscribe('presence', (message) => messages.push(message));
    }
    expect(x1.channel('presence')).not.toBe(y.channel('presence'));
    // Redis hands one subscriber its messages in the order it took the PUBLISHes: once a later
    // message is heard, an earlier one on the same channel would have been heard before it.
    await y.publish('presence', { from: 'y', n: 1 });
    await x2.publish('presence', { from: 'x2' });
    await y.publish('presence', { from: 'y', n: 2 });
    await eventually(() => (heard.get(x1)?.length ? true : undefined), { what: 'x1 to hear x2' });
    await eventually(() => (heard.get(y)?.length === 2 ? true : undefined), { what: 'y to hear itself twice' });
    expect(heard.get(x1)).toEqual([{ from: 'x2' }]);
    expect(heard.get(y)).toEqual([
      { from: 'y', n: 1 },
      { from: 'y', n: 2 },
    ]);
  });
});
