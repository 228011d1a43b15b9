import type { ActorRef, LiveDelivery, LivePush } from '@app/common';
import { DomainError, ErrorCode } from '@app/common';
import type { ActivityEventEntity } from '../activity-event.entity';
import { isInScope, isVisibleTo, type ViewerRights } from '../activity-feed.service';
import { type ActivityPosition, cursorOf, isAfter, positionFromCursor, positionOf } from '../activity-position';
import { ActivityVisibility } from '../activity.enums';
import type { ActivityScope } from '../dto/activity.args';
import { ActivityRefusal } from '../activity.errors';

/** Items a subscriber may have waiting before it is cut off (it can resume from its cursor). */
const MAX_QUEUED = 10_000;

export interface StreamSource {
  /** Pages of what the viewer may see after a cursor (the same reads as the `activity` query). */
  replay(
    after: string | null,
  ): Promise<{ items: ActivityEventEntity[]; endCursor: string | null; hasNextPage: boolean }>;
  /**
   * Every item (of any scope or visibility) after a position, from the hub's memory, if it still holds
   * all of them; else null and the stream replays with `replay`.
   */
  recent(after: ActivityPosition | null): readonly ActivityEventEntity[] | null;
  /** The viewer's rights as of now (they may have been withdrawn since subscribing). */
  rightsOf(viewer: ActorRef): Promise<ViewerRights>;
  detach(stream: ActivityStream): void;
}

/**
 * One subscriber's feed: replays what it missed, then follows live items from the hub,
 * with no gap and no duplicate at the switch (items are only ever delivered in increasing
 * position). Non-public items are re-checked against the subscriber's current rights.
 */
export class ActivityStream implements AsyncIterableIterator<ActivityEventEntity>, LivePush<ActivityEventEntity> {
  private readonly queue: ActivityEventEntity[] = [];
  private buffered: ActivityEventEntity[] | null = [];
  private waiting: {
    readonly resolve: (result: IteratorResult<ActivityEventEntity>) => void;
    readonly reject: (error: Error) => void;
  } | null = null;
  /** Set by `pushTo`: items go straight there, and `next()` waits for the end. */
  private push: LiveDelivery<ActivityEventEntity> | null = null;
  private failure: Error | null = null;
  private closed = false;
  private last: ActivityPosition | null;
  /** Offers that arrived while an earlier one waits for the viewer's rights (null: none is waiting). */
  private waitingForRights: (readonly ActivityEventEntity[])[] | null = null;

  constructor(
    private readonly source: StreamSource,
    private readonly scope: ActivityScope,
    private readonly currentViewer: () => Promise<ActorRef>,
    private readonly startCursor: string | null,
    /** Items already visible when a cursorless stream started (they settle later, but are not new). */
    private readonly before: ReadonlySet<string> = new Set(),
  ) {
    this.last = startCursor ? positionFromCursor(startCursor) : null;
  }

  /**
   * Replays from the cursor, then switches to the live items buffered meanwhile. What the hub still
   * holds in memory is replayed from there (checked as live items are), with no read of its own: a
   * crowd of new subscribers does not crowd out the writes.
   */
  async start(): Promise<void> {
    const recent = this.source.recent(this.last);
    if (recent) {
      const buffered = this.buffered ?? [];
      this.buffered = null;
      this.offer(recent.length ? [...recent, ...buffered] : buffered);
      return;
    }
    let cursor = this.startCursor;
    for (;;) {
      const page = await this.source.replay(cursor);
      for (const item of page.items) {
        if (!this.before.has(item.sequence)) {
          this.enqueue(item);
        }
      }
      cursor = page.endCursor ?? cursor;
      if (!page.hasNextPage) {
        break;
      }
    }
    const buffered = this.buffered ?? [];
    this.buffered = null;
    this.offer(buffered);
  }

  /**
   * Live items from the hub, in position order. Delivered at once (no promise per offer), unless an
   * item needs the viewer's current rights: the rest of the offer, and offers meanwhile, wait for them.
   */
  offer(items: readonly ActivityEventEntity[]): void {
    if (this.closed || items.length === 0) {
      return;
    }
    if (this.buffered) {
      this.buffered.push(...items);
      return;
    }
    if (this.waitingForRights) {
      this.waitingForRights.push(items);
      return;
    }
    this.deliver(items, 0, null);
  }

  /** Delivers `items` from `from`, with `rights` read for this offer (null: not read yet). */
  private deliver(items: readonly ActivityEventEntity[], from: number, rights: ViewerRights | null): void {
    for (let i = from; i < items.length; i++) {
      const item = items[i];
      const position = positionOf(item);
      if (this.closed || !isAfter(position, this.last) || !isInScope(item, this.scope)) {
        continue;
      }
      if (this.before.size > 0 && this.before.has(item.sequence)) {
        this.last = position;
        continue;
      }
      if (item.visibility !== ActivityVisibility.PUBLIC) {
        if (!rights) {
          this.readRightsThenDeliver(items, i);
          return;
        }
        if (!isVisibleTo(item, rights)) {
          this.last = position;
          continue;
        }
      }
      this.enqueue(item, position);
    }
  }

  /** Reads the viewer's rights as of now (once per offer), then goes on from `from`, then with the offers that waited. */
  private readRightsThenDeliver(items: readonly ActivityEventEntity[], from: number): void {
    const waiting: (readonly ActivityEventEntity[])[] = [];
    this.waitingForRights = waiting;
    void this.currentViewer()
      .then((viewer) => this.source.rightsOf(viewer))
      .then(
        (rights) => {
          this.waitingForRights = null;
          this.deliver(items, from, rights);
          for (const next of waiting) {
            this.offer(next); // in order: an offer needing rights again waits once more, and those after it with it
          }
        },
        (error: unknown) => this.fail(error),
      );
  }

  private enqueue(item: ActivityEventEntity, position = positionOf(item)): void {
    this.last = position;
    if (this.push) {
      this.handOver(this.push, item);
      return;
    }
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return;
    }
    this.queue.push(item);
    if (this.queue.length > MAX_QUEUED) {
      this.fellBehind(item);
    }
  }

  private fellBehind(item: ActivityEventEntity): void {
    this.fail(
      new DomainError(
        ErrorCode.TOO_MANY_REQUESTS,
        ActivityRefusal.FELL_BEHIND,
        `The subscriber fell ${MAX_QUEUED} items behind; resubscribe with after: "${cursorOf(item)}"`,
      ),
    );
  }

  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.queue.length = 0;
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(this.failure); // a waiting reader hears why, not just that it ended
      this.failure = null;
    }
    void this.return();
  }

  pushTo(deliver: LiveDelivery<ActivityEventEntity>): void {
    this.push = deliver;
    for (const item of this.queue.splice(0)) {
      if (this.closed) {
        break;
      }
      this.handOver(deliver, item);
    }
  }

  /** Pushes one item; the receiver's backlog counts as this stream's queue. */
  private handOver(deliver: LiveDelivery<ActivityEventEntity>, item: ActivityEventEntity): void {
    let held: number;
    try {
      held = deliver(item);
    } catch (error) {
      this.fail(error); // this subscriber's failure; the hub goes on with the others
      return;
    }
    if (held > MAX_QUEUED) {
      this.fellBehind(item);
    }
  }

  next(): Promise<IteratorResult<ActivityEventEntity>> {
    const item = this.queue.shift();
    if (item) {
      return Promise.resolve({ value: item, done: false });
    }
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.closed) {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<ActivityEventEntity>> {
    this.closed = true;
    this.source.detach(this);
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
