import { describe, expect, it } from '@jest/globals';
import type { ActorRef } from '@app/common';
import type { ActivityEventEntity } from '../activity-event.entity';
import type { ViewerRights } from '../activity-feed.service';
import { ActivityVisibility } from '../activity.enums';
import { ActivityScopeKind } from '../dto/activity.args';
import { ActivityStream, type StreamSource } from './activity-stream';

const ORGANISATION = '00000000-0000-0000-0000-00000000000a';

function item(sequence: number, visibility = ActivityVisibility.PUBLIC): ActivityEventEntity {
  return {
    sequence: String(sequence),
    txId: String(1000 + sequence),
    visibility,
    organisationId: ORGANISATION,
    networkId: null,
    eventId: null,
    policeForceAreaCode: null,
  } as ActivityEventEntity;
}

/** A stream whose rights reads wait until released, answering `member` at that time. */
function streamWith(recent: readonly ActivityEventEntity[] | null) {
  const state = { member: true, reads: 0, release: [] as (() => void)[] };
  const source: StreamSource = {
    replay: () => Promise.resolve({ items: [], endCursor: null, hasNextPage: false }),
    recent: () => recent,
    rightsOf: () => {
      state.reads++;
      return new Promise<ViewerRights>((resolve) =>
        state.release.push(() =>
          resolve({ platformAdmin: false, organisationIds: state.member ? [ORGANISATION] : [], networkIds: [] }),
        ),
      );
    },
    detach: () => undefined,
  };
  const viewer = { kind: 'PERSON' } as ActorRef;
  const stream = new ActivityStream(source, { kind: ActivityScopeKind.NATIONAL }, () => Promise.resolve(viewer), null);
  return { stream, state };
}

async function take(stream: ActivityStream, count: number): Promise<string[]> {
  const taken: string[] = [];
  for (let i = 0; i < count; i++) {
    const next: IteratorResult<ActivityEventEntity> = await stream.next();
    taken.push(next.done ? 'done' : next.value.sequence);
  }
  return taken;
}

const settle = () => new Promise((done) => setImmediate(done));

describe('ActivityStream', () => {
  it("replays the hub's memory, then the live items buffered meanwhile, once each and in order", async () => {
    const { stream } = streamWith([item(1), item(2)]);
    stream.offer([item(2), item(3)]); // arrived while starting: buffered
    await stream.start();
    stream.offer([item(3), item(4)]);
    expect(await take(stream, 4)).toEqual(['1', '2', '3', '4']);
  });

  it('holds the offers that arrive while an item waits for the rights, and delivers them after it, in order', async () => {
    const { stream, state } = streamWith([]);
    await stream.start();
    stream.offer([item(1), item(2, ActivityVisibility.ORGANISATION), item(3)]);
    stream.offer([item(4)]);
    stream.offer([item(5, ActivityVisibility.ORGANISATION), item(6)]);
    await settle();
    expect(state.reads).toBe(1);
    state.release.shift()?.(); // rights for the first offer: a member
    await settle();
    expect(state.reads).toBe(2); // the third offer reads them again, as of its own time
    state.member = false;
    state.release.shift()?.();
    await settle();
    stream.offer([item(7)]);
    expect(await take(stream, 5)).toEqual(['1', '2', '3', '4', '6']); // 5 is no longer visible
    expect(await take(stream, 1)).toEqual(['7']);
  });

  it('pushes what it holds, then each item as it comes, and settles next() only at its end', async () => {
    const { stream } = streamWith([item(1)]);
    await stream.start();
    stream.offer([item(2)]); // held: nobody is reading
    const pushed: string[] = [];
    stream.pushTo((pushedItem) => (pushed.push(pushedItem.sequence), 0));
    expect(pushed).toEqual(['1', '2']);
    const end = stream.next();
    stream.offer([item(2), item(3)]);
    expect(pushed).toEqual(['1', '2', '3']); // at once, no turn of the event loop, no duplicate
    void stream.return();
    await expect(end).resolves.toEqual({ value: undefined, done: true });
    stream.offer([item(4)]);
    expect(pushed).toEqual(['1', '2', '3']);
  });

  it('rejects a waiting next() with the reason it failed (not a plain end)', async () => {
    const { stream, state } = streamWith([]);
    await stream.start();
    stream.pushTo(() => 0);
    const end = stream.next();
    stream.offer([item(1, ActivityVisibility.ORGANISATION)]);
    await settle();
    state.release.shift(); // dropped: the rights read fails instead
    (stream as unknown as { fail(error: unknown): void }).fail(new Error('rights unavailable'));
    await expect(end).rejects.toThrow('rights unavailable');
  });

  it('fails with FELL_BEHIND when its receiver holds more than 10,000 items, and with the error a delivery throws', async () => {
    const { stream } = streamWith([]);
    await stream.start();
    let held = 0;
    stream.pushTo(() => ++held);
    const end = stream.next();
    stream.offer(Array.from({ length: 10_001 }, (_, i) => item(i + 1)));
    await expect(end).rejects.toMatchObject({ reason: 'FELL_BEHIND' });

    const other = streamWith([]).stream;
    await other.start();
    other.pushTo(() => {
      throw new Error('cannot write');
    });
    const otherEnd = other.next();
    other.offer([item(1), item(2)]);
    await expect(otherEnd).rejects.toThrow('cannot write');
  });
});
