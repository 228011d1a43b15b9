import { setTimeout as delay, setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type ActorRef, asLiveWork } from '@app/common';
import type { ActivityEventEntity } from '../activity-event.entity';
import { ActivityFeedService } from '../activity-feed.service';
import { type ActivityPosition, cursorOf, isAfter, positionOf } from '../activity-position';
import type { ActivityScope } from '../dto/activity.args';
import { ACTIVITY_WAKEUPS, type ActivityWakeups } from './wakeups';
import { ActivityStream } from './activity-stream';

/** Safety net for wake-ups lost with a crashed writer or a dropped LISTEN connection. */
const POLL_MS = 1_000;
const BATCH = 1_000;
/** The newest items read, kept so that a new subscriber replays them from memory, not with reads of its own. */
const RECENT = 2_000;
/**
 * Streams offered new items per turn of the event loop: each offer sets off its subscriber's delivery
 * (execution shared, a message written), so between chunks requests are served, not held behind the
 * whole fan-out.
 */
const OFFER_CHUNK = 500;
/** Reads of "now" for new subscribers are this far apart at least (each read serves all who asked meanwhile). */
const NOW_SPACING_MS = 5;

type Now = Awaited<ReturnType<ActivityFeedService['now']>>;

/**
 * This instance's fan-out: wakes when a writer publishes after commit (PostgreSQL NOTIFY, or
 * Redis with REDIS_URL) or on a timer, reads the newly settled items once, and offers them
 * to every local subscriber. The outbox is the truth; notifications only say "look now".
 */
@Injectable()
export class ActivityHub implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ActivityHub');
  private readonly streams = new Set<ActivityStream>();
  /** The last item this instance has read and offered to its streams. */
  private head: ActivityEventEntity | null = null;
  /** Set while nobody listens: the hub skips reads then, and re-reads its head on the next subscriber. */
  private idleSinceHead = false;
  /** The head being re-read for subscribers arriving after idleness (all of them wait for it). */
  private headRead: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private pumping: Promise<void> | null = null;
  private again = false;
  /** From the newest item's transaction to this instance offering it, at the last offer. */
  private lastLagMs = 0;
  private lastReadFailed = false;
  /**
   * The items this instance has read since `recentFrom` (exclusive), in order, up to its head: all of
   * them, whatever their scope or visibility. A stream starting at or after `recentFrom` replays from here.
   */
  private recent: ActivityEventEntity[] = [];
  private recentFrom: ActivityPosition | null = null;
  /** The read of "now" not yet sent, shared by every subscriber asking before it goes (and the one before it). */
  private nowNext: Promise<Now> | null = null;
  private nowLast: Promise<unknown> = Promise.resolve();
  private nowReadAt = -NOW_SPACING_MS;

  constructor(
    private readonly feed: ActivityFeedService,
    @Inject(ACTIVITY_WAKEUPS) private readonly wakeups: ActivityWakeups,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.moveHead(await this.feed.head());
    await this.wakeups.subscribe(() => this.wake());
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
    }
    for (const stream of this.streams) {
      await stream.return();
    }
    await this.pumping;
    await this.wakeups.close();
  }

  /** For health checks and metrics. */
  health(): {
    readonly wakeups: ReturnType<ActivityWakeups['state']>;
    readonly streams: number;
    readonly lagSeconds: number;
    readonly lastReadFailed: boolean;
  } {
    return {
      wakeups: this.wakeups.state(),
      streams: this.streams.size,
      lagSeconds: this.lastLagMs / 1000,
      lastReadFailed: this.lastReadFailed,
    };
  }

  /** A subscriber's stream: replay after the cursor as `viewer` sees it, then live items. */
  async stream(
    scope: ActivityScope,
    after: string | null,
    viewer: ActorRef,
    currentViewer: () => Promise<ActorRef>,
  ): Promise<ActivityStream> {
    await this.catchUpHead();
    // No cursor: from now, as one snapshot sees it (not from this instance's head, which may lag).
    const now = after ? null : await this.sharedNow();
    const start = after ?? (now?.head ? cursorOf(now.head) : null);
    const stream = new ActivityStream(
      {
        replay: async (cursor) => {
          const page = await this.feed.page(viewer, scope, 200, cursor ?? undefined);
          return {
            items: page.edges.map((e) => e.node),
            endCursor: page.pageInfo.endCursor,
            hasNextPage: page.pageInfo.hasNextPage,
          };
        },
        recent: (position) => this.recentAfter(position),
        rightsOf: (who) => this.feed.rightsOf(who),
        detach: (s) => this.streams.delete(s),
      },
      scope,
      currentViewer,
      start,
      new Set(now?.visible),
    );
    this.streams.add(stream); // before replaying: live items meanwhile are buffered, not lost
    await stream.start();
    return stream;
  }

  /**
   * "Now" for subscribers without a cursor: one read at a time, shared by all who asked before it was
   * sent (a read already under way may predate a caller, so later callers wait for the next one).
   */
  private sharedNow(): Promise<Now> {
    if (!this.nowNext) {
      const next = this.nowLast.then(
        () => this.readNow(),
        () => this.readNow(),
      );
      this.nowNext = next;
      this.nowLast = next;
    }
    return this.nowNext;
  }

  private async readNow(): Promise<Now> {
    // Reads at most every NOW_SPACING_MS: a crowd of dashboards reconnecting shares a few reads, not one per round trip.
    // A monotonic clock, and never more than the spacing: a wall clock stepped back must not hold subscribers.
    const wait = Math.min(this.nowReadAt + NOW_SPACING_MS - performance.now(), NOW_SPACING_MS);
    if (wait > 0) {
      await delay(wait);
    }
    this.nowReadAt = performance.now();
    this.nowNext = null; // callers from here on wait for the next read
    return this.feed.now();
  }

  /**
   * The items after `position` (null: from the very first) if this instance still holds all of them
   * in memory; null if some were never read here or have been dropped (the stream reads them itself).
   */
  private recentAfter(position: ActivityPosition | null): ActivityEventEntity[] | null {
    if (position === null || (this.recentFrom !== null && isAfter(this.recentFrom, position))) {
      return null;
    }
    if (this.head && !isAfter(positionOf(this.head), position)) {
      return []; // at or after the head: everything it may miss is still to be offered
    }
    // Binary search for the first item after `position`.
    let low = 0;
    let high = this.recent.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (isAfter(positionOf(this.recent[middle]), position)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return this.recent.slice(low);
  }

  /** The head moved without reading what lies between: the memory starts again from it. */
  private moveHead(head: ActivityEventEntity | null): void {
    this.head = head;
    this.recent = [];
    this.recentFrom = head ? positionOf(head) : null;
  }

  private remember(items: readonly ActivityEventEntity[]): void {
    this.recent.push(...items);
    const excess = this.recent.length - RECENT;
    if (excess > 0) {
      this.recentFrom = positionOf(this.recent[excess - 1]);
      this.recent.splice(0, excess);
    }
  }

  private catchUpHead(): Promise<void> {
    if (this.idleSinceHead) {
      this.idleSinceHead = false;
      this.headRead = this.feed.head().then(
        (head) => {
          // Only while nobody is attached: a stream that attached meanwhile is owed what lies between.
          const unattended = this.streams.size === 0;
          if (unattended && head && (!this.head || isAfter(positionOf(head), positionOf(this.head)))) {
            this.moveHead(head);
          }
        },
        (error: unknown) => {
          this.idleSinceHead = true; // the next subscriber tries again
          throw error;
        },
      );
    }
    return this.headRead;
  }

  private wake(): void {
    if (this.streams.size === 0) {
      this.idleSinceHead = true; // nobody to offer items to: no reads for an idle instance
      return;
    }
    if (this.pumping) {
      this.again = true;
      return;
    }
    // Live work: the reads, and the re-checks of rights they lead streams to, use the live pool.
    this.pumping = asLiveWork(() => this.pump())
      .then(
        () => {
          this.lastReadFailed = false;
        },
        (error: unknown) => {
          if (!this.lastReadFailed) {
            this.log.warn({ err: error }, 'Reading new activity failed; retrying on the next wake-up');
          }
          this.lastReadFailed = true;
        },
      )
      .finally(() => {
        this.pumping = null;
      });
  }

  private async pump(): Promise<void> {
    let items: ActivityEventEntity[];
    do {
      this.again = false;
      items = await this.feed.settledAfter(this.head ? positionOf(this.head) : null, BATCH);
      const last = items.at(-1);
      if (last) {
        this.head = last;
        this.remember(items);
        this.lastLagMs = Math.max(0, Date.now() - last.occurredAt.getTime());
        // A stream attached meanwhile has these items already (from the hub's memory or its replay): offered again, it skips them.
        let offered = 0;
        for (const stream of this.streams) {
          stream.offer(items);
          if (++offered % OFFER_CHUNK === 0) {
            await nextTurn();
          }
        }
      }
    } while (this.again || items.length === BATCH);
  }
}
