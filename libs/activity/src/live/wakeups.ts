import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { TCP_KEEPALIVE } from '@app/database';
import type { RedisChannels } from './redis-channels';

/**
 * PostgreSQL channel on which writers say "new activity" after they commit (NOTIFY is per database,
 * so it needs no namespace; over Redis the deployment's `RedisChannels.activity` carries it).
 */
export const ACTIVITY_CHANNEL = 'convene_activity';
/** PostgreSQL channel on which writers say whose rights may have ended (Redis: `RedisChannels.rights`). */
export const RIGHTS_CHANNEL = 'convene_rights';

/** The LISTEN connection's `application_name` (visible in pg_stat_activity). */
export const LISTENER_NAME = 'convene-activity-listener';

/**
 * How API instances tell each other "there is new activity in the outbox". Only a wake-up:
 * the outbox is the truth, so a lost message just waits for the next poll.
 */
export interface ActivityWakeups {
  /** Called after a commit that appended activity. */
  publish(): Promise<void>;
  /** Calls `onWake` whenever any instance published. */
  subscribe(onWake: () => void): Promise<void>;
  /** Says, after commit, that the rights of these subjects may have ended (never coalesced). */
  publishRights(subjects: readonly string[]): Promise<void>;
  /** Receives the subjects any instance published (hear them from `subscribe` on). */
  onRights(handler: (subjects: string[]) => void): void;
  close(): Promise<void>;
  /** What carries the wake-ups, and whether it is connected (if not, the hub's poll still delivers). */
  state(): { readonly transport: 'postgres' | 'redis'; readonly connected: boolean };
}

/** A rights message as sent: a JSON array of subject strings; anything else is ignored. */
export function parseSubjects(message: string | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(message ?? '');
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

export const ACTIVITY_WAKEUPS = Symbol('ACTIVITY_WAKEUPS');

/**
 * Wake-ups sent by one instance are at least this far apart. Back-to-back NOTIFYs (one per round
 * trip under write load) took ~20 % of a tight write loop's throughput; this caps them at ~200/s
 * per instance for at most a few ms of extra latency (an idle instance still wakes at once).
 */
export const WAKEUP_COOL_DOWN_MS = 5;

/**
 * At most one wake-up in flight per instance, then a cool-down: commits arriving meanwhile share
 * the next one. A wake-up only says "look now", so many commits need only one.
 */
export function coalesced(send: () => Promise<void>, coolDownMs = 0): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let pending = false;
  const flush = async (): Promise<void> => {
    do {
      pending = false;
      try {
        await send();
      } finally {
        if (coolDownMs > 0) {
          await new Promise((resolve) => setTimeout(resolve, coolDownMs));
        }
      }
    } while (pending);
  };
  return () => {
    if (inFlight) {
      pending = true;
      return inFlight;
    }
    inFlight = flush().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

/** Default: PostgreSQL LISTEN/NOTIFY on a connection of its own; NOTIFY is sent outside any transaction. */
export class PostgresWakeups implements ActivityWakeups {
  private readonly log = new Logger('ActivityWakeups');
  private listener: Client | null = null;
  private closed = false;
  private rights: (subjects: string[]) => void = () => undefined;

  constructor(
    private readonly url: string,
    private readonly notify: (sql: string, parameters: unknown[]) => Promise<unknown>,
  ) {}

  readonly publish = coalesced(async () => {
    await this.notify('SELECT pg_notify($1, $2)', [ACTIVITY_CHANNEL, '']);
  }, WAKEUP_COOL_DOWN_MS);

  async publishRights(subjects: readonly string[]): Promise<void> {
    await this.notify('SELECT pg_notify($1, $2)', [RIGHTS_CHANNEL, JSON.stringify(subjects)]);
  }

  onRights(handler: (subjects: string[]) => void): void {
    this.rights = handler;
  }

  async subscribe(onWake: () => void): Promise<void> {
    const listener = new Client({ connectionString: this.url, application_name: LISTENER_NAME, ...TCP_KEEPALIVE });
    listener.on('notification', (message) =>
      message.channel === RIGHTS_CHANNEL ? this.rights(parseSubjects(message.payload)) : onWake(),
    );
    const lost = (error?: Error): void => {
      if (this.listener === listener && !this.closed) {
        this.listener = null;
        this.log.warn({ err: error }, 'Activity listener lost its connection; polling until it is back');
        this.relisten(onWake, 1);
      }
    };
    listener.on('error', lost);
    listener.on('end', () => lost());
    try {
      await listener.connect();
      await listener.query(`LISTEN ${ACTIVITY_CHANNEL}; LISTEN ${RIGHTS_CHANNEL}`);
    } catch (error) {
      await listener.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await listener.end().catch(() => undefined);
      return;
    }
    this.listener = listener;
    // Notifications sent while it was away are lost; the hub's next read catches up anyway.
    onWake();
  }

  /** Keeps trying (backing off to 5 s) for as long as PostgreSQL is away: one failed try must not end it. */
  private relisten(onWake: () => void, attempt: number): void {
    if (this.closed) {
      return;
    }
    const delay = Math.min(5_000, 250 * 2 ** Math.min(attempt, 5));
    setTimeout(() => {
      this.subscribe(onWake).then(
        () => this.log.log('Activity listener reconnected'),
        () => this.relisten(onWake, attempt + 1),
      );
    }, delay).unref();
  }

  state(): { transport: 'postgres'; connected: boolean } {
    return { transport: 'postgres', connected: this.listener !== null };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
  }
}

/**
 * With REDIS_URL: Redis pub/sub carries the wake-ups (no NOTIFY load on PostgreSQL), on the
 * deployment's own channels (`redisChannels`), so deployments sharing a Redis never wake each other
 * or re-check each other's streams.
 */
export class RedisWakeups implements ActivityWakeups {
  private readonly log = new Logger('ActivityWakeups');
  private readonly publisher: Redis;
  private subscriber: Redis | null = null;
  private rights: (subjects: string[]) => void = () => undefined;
  private down = false;

  constructor(
    private readonly url: string,
    readonly channels: RedisChannels,
  ) {
    this.publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.publisher.on('error', () => undefined); // reported once, by the subscriber
  }

  readonly publish = coalesced(async () => {
    await this.publisher.publish(this.channels.activity, '');
  }, WAKEUP_COOL_DOWN_MS);

  async publishRights(subjects: readonly string[]): Promise<void> {
    await this.publisher.publish(this.channels.rights, JSON.stringify(subjects));
  }

  onRights(handler: (subjects: string[]) => void): void {
    this.rights = handler;
  }

  async subscribe(onWake: () => void): Promise<void> {
    this.subscriber = new Redis(this.url, { maxRetriesPerRequest: null });
    this.subscriber.on('message', (channel: string, message: string) =>
      channel === this.channels.rights ? this.rights(parseSubjects(message)) : onWake(),
    );
    this.subscriber.on('error', (error) => {
      if (!this.down) {
        this.down = true;
        this.log.warn({ err: error }, 'Redis is unreachable; live activity is delivered by polling PostgreSQL');
      }
    });
    this.subscriber.on('ready', () => {
      if (this.down) {
        this.down = false;
        this.log.log('Redis is back; wake-ups go through it again');
        onWake(); // wake-ups published while it was away are lost
      }
    });
    // Sent while the new connection is still connecting, so ioredis queues it until the connection
    // is ready (see `LivePubSub.subscribe` for what happens to a SUBSCRIBE sent during the handshake).
    await this.subscriber.subscribe(this.channels.activity, this.channels.rights);
  }

  state(): { transport: 'redis'; connected: boolean } {
    return { transport: 'redis', connected: this.subscriber?.status === 'ready' };
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.publisher.disconnect();
    await Promise.resolve();
  }
}
