import { describe, expect, it } from '@jest/globals';
import type { ActorRef } from '@app/common';
import type { ActivityEventEntity } from '../activity-event.entity';
import type { ActivityFeedService } from '../activity-feed.service';
import { ActivityVisibility } from '../activity.enums';
import { isAfter, type ActivityPosition, positionOf } from '../activity-position';
import { ActivityScopeKind } from '../dto/activity.args';
import { ActivityHub } from './activity-hub';
import type { ActivityWakeups } from './wakeups';

function item(sequence: number): ActivityEventEntity {
  return {
    sequence: String(sequence),
    txId: String(1000 + sequence),
    visibility: ActivityVisibility.PUBLIC,
    occurredAt: new Date(),
    organisationId: null,
    networkId: null,
    eventId: null,
    policeForceAreaCode: null,
  } as unknown as ActivityEventEntity;
}

/** The outbox as the hub reads it; `now()` answers only when the test lets it. */
function fakeFeed() {
  const log: ActivityEventEntity[] = [item(1)];
  const nowHeld: (() => void)[] = [];
  const feed = {
    head: () => Promise.resolve(log.at(-1) ?? null),
    now: () => {
      const head = log.at(-1) ?? null;
      return new Promise((resolve) => nowHeld.push(() => resolve({ head, visible: [] })));
    },
    settledAfter: (position: ActivityPosition | null, limit: number) =>
      Promise.resolve(log.filter((e) => position === null || isAfter(positionOf(e), position)).slice(0, limit)),
    page: () => Promise.resolve({ edges: [], pageInfo: { endCursor: null, hasNextPage: false } }),
    rightsOf: () => Promise.resolve({ platformAdmin: true, organisationIds: [], networkIds: [] }),
  };
  return { feed: feed as unknown as ActivityFeedService, log, nowHeld };
}

function fakeWakeups() {
  const state = { wake: () => undefined as void };
  const wakeups = {
    subscribe: (onWake: () => void) => {
      state.wake = onWake;
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
    state: () => ({ transport: 'postgres', connected: true }),
  };
  return { wakeups: wakeups as unknown as ActivityWakeups, state };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await new Promise((done) => setImmediate(done));
  }
};

/** Until `condition` holds (reads of "now" are spaced a few milliseconds apart). */
const until = async (condition: () => boolean) => {
  while (!condition()) {
    await new Promise((done) => setTimeout(done, 1));
  }
};

describe('ActivityHub', () => {
  it('never skips items owed to a stream that attached while the hub believed itself idle', async () => {
    const { feed, log, nowHeld } = fakeFeed();
    const { wakeups, state } = fakeWakeups();
    const sut = new ActivityHub(feed, wakeups);
    await sut.onApplicationBootstrap();
    const viewer = { kind: 'PERSON', platformAdmin: true } as ActorRef;
    const scope = { kind: ActivityScopeKind.NATIONAL };
    try {
      state.wake(); // nobody attached: the hub goes idle
      const first = sut.stream(scope, null, viewer, () => Promise.resolve(viewer));
      await until(() => nowHeld.length > 0);
      state.wake(); // a wake-up while A is still starting: the hub, seeing no stream, believes itself idle
      nowHeld.shift()?.(); // A starts after item 1
      const a = await first;
      log.push(item(2), item(3)); // committed; their wake-up comes later
      const second = sut.stream(scope, null, viewer, () => Promise.resolve(viewer));
      await until(() => nowHeld.length > 0);
      nowHeld.shift()?.();
      const b = await second;
      state.wake();
      await settle();
      const delivered: string[] = [];
      for (let i = 0; i < 2; i++) {
        const next = await Promise.race([a.next(), settle().then(() => null)]);
        delivered.push(next === null ? 'nothing' : next.done ? 'done' : next.value.sequence);
      }
      expect(delivered).toEqual(['2', '3']);
      await b.return();
      await a.return();
    } finally {
      await sut.onApplicationShutdown();
    }
  });
});
