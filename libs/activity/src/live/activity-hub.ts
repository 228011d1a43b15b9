import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type ActorRef, asLiveWork } from '@app/common';
import type { ActivityEventEntity } from '../activity-event.entity';
import { ActivityFeedService } from '../activity-feed.service';
import { cursorOf, isAfter, positionOf } from '../activity-position';
import type { ActivityScope } from '../dto/activity.args';
import { ACTIVITY_WAKEUPS, type ActivityWakeups } from './wakeups';
import { ActivityStream } from './activity-stream';

/** Safety net for wake-ups lost with a crashed writer or a dropped LISTEN connection. */
const POLL_MS = 1_000;
const BATCH = 1_000;

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

  constructor(
    private readonly feed: ActivityFeedService,
    @Inject(ACTIVITY_WAKEUPS) private readonly wakeups: ActivityWakeups,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.head = await this.feed.head();
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
    const now = after ? null : await this.feed.now();
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

  private catchUpHead(): Promise<void> {
    if (this.idleSinceHead) {
      this.idleSinceHead = false;
      this.headRead = this.feed.head().then(
        (head) => {
          if (head && (!this.head || isAfter(positionOf(head), positionOf(this.head)))) {
            this.head = head;
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
        this.lastLagMs = Math.max(0, Date.now() - last.occurredAt.getTime());
        for (const stream of this.streams) {
          stream.offer(items);
        }
      }
    } while (this.again || items.length === BATCH);
  }
}
