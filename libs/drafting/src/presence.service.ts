import { DraftingRefusal } from './drafting.errors';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LivePubSub } from '@app/activity';
import { DomainError, ErrorCode } from '@app/common';

/** One person's presence in a draft, as others see it. */
export interface Presence {
  readonly presenceId: string;
  readonly personId: string;
  readonly sectionId: string | null;
  readonly editing: boolean;
}

/** A presence and the draft it is in. */
export interface PlacedPresence extends Presence {
  readonly positionId: string;
}

/** The `LivePubSub` trigger (a Redis channel in the deployment's namespace with REDIS_URL) that carries presence. */
export const PRESENCE_TRIGGER = 'presence';
/** Each instance repeats its presence this often; a silent instance's entries expire after PRESENCE_EXPIRY_MS. */
export const PRESENCE_HEARTBEAT_MS = 2_000;
/** A lost heartbeat is tolerated; with the sweep, an instance that died is forgotten within 6 s (under 10). */
export const PRESENCE_EXPIRY_MS = 5_000;
const SWEEP_MS = 1_000;
/** Watchers hear the changes of this window together (a burst of typing pulses is one update). */
const NOTIFY_MS = 50;
/** At most this many connections are present in one draft (across instances). */
export const MAX_PRESENT_PER_DRAFT = 100;
/** At most this many of one person's connections are present in one draft (a few tabs and devices). */
export const MAX_PRESENT_PER_PERSON = 5;
/** Moves and typing pulses per connection: a burst of this many, refilled at MOVES_PER_SECOND. */
const MOVE_BURST = 10;
const MOVES_PER_SECOND = 5;

/**
 * What instances say to each other. `state` is the sender's whole presence in one draft (sent on
 * every join, leave, move and typing pulse, and as a heartbeat), so a lost message is mended by the
 * next one; `move` asks the instance holding a connection to move it (the mutation may arrive
 * anywhere).
 */
type PresenceMessage =
  | {
      readonly kind: 'state';
      readonly instanceId: string;
      readonly positionId: string;
      readonly entries: readonly Presence[];
    }
  | ({ readonly kind: 'move'; readonly instanceId: string; readonly to: string } & PlacedPresence);

/** A token bucket: MOVE_BURST tokens, refilled at MOVES_PER_SECOND. */
interface Bucket {
  tokens: number;
  refilledAt: number;
}

interface LocalEntry extends Bucket {
  readonly presenceId: string;
  readonly positionId: string;
  readonly personId: string;
  sectionId: string | null;
  editing: boolean;
}

interface RemoteState {
  readonly entries: readonly Presence[];
  expiresAt: number;
}

/**
 * Presence across instances, on a graphql-subscriptions `PubSubEngine` (in memory on one instance,
 * Redis across several): nothing is written to PostgreSQL. Each instance keeps the presence of its
 * own connections and publishes it on every change and every PRESENCE_HEARTBEAT_MS; it keeps what
 * others published until they say otherwise or stop heartbeating (PRESENCE_EXPIRY_MS). A closed
 * connection leaves its own instance at once, and others on the next message.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('PresenceService');
  readonly instanceId = randomUUID();
  private readonly local = new Map<string, LocalEntry>();
  private readonly localByDraft = new Map<string, Set<string>>();
  /** positionId → instanceId → what that instance last said. */
  private readonly remote = new Map<string, Map<string, RemoteState>>();
  /** presenceId → the bucket for moves this instance forwards to the holder (dropped once full again). */
  private readonly forwarded = new Map<string, Bucket>();
  private readonly watchers = new Map<string, Set<(present: Presence[]) => void>>();
  private readonly last = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private notifyTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private subscription: number | null = null;
  private failing = false;

  constructor(private readonly pubsub: LivePubSub) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.pubsub.subscribe(PRESENCE_TRIGGER, (message: unknown) => this.receive(message));
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of [this.notifyTimer, this.heartbeat, this.sweeper]) {
      if (timer) {
        clearInterval(timer);
      }
    }
    this.notifyTimer = this.heartbeat = this.sweeper = null;
    // Others drop this instance's connections now rather than at expiry.
    const drafts = [...this.localByDraft.keys()];
    this.local.clear();
    this.localByDraft.clear();
    this.forwarded.clear();
    await Promise.allSettled(drafts.map((positionId) => this.publishState(positionId)));
    if (this.subscription !== null) {
      this.pubsub.unsubscribe(this.subscription);
      this.subscription = null;
    }
  }

  /**
   * A new connection in the draft; refused once the person has MAX_PRESENT_PER_PERSON there (so one
   * person cannot fill it for others), or the draft holds MAX_PRESENT_PER_DRAFT.
   */
  async join(positionId: string, personId: string): Promise<string> {
    const present = this.presentIn(positionId);
    if (present.filter((p) => p.personId === personId).length >= MAX_PRESENT_PER_PERSON) {
      throw new DomainError(
        ErrorCode.TOO_MANY_REQUESTS,
        DraftingRefusal.TOO_MANY_PRESENCES,
        `You have this draft open on ${MAX_PRESENT_PER_PERSON} connections already; close one first`,
      );
    }
    if (present.length >= MAX_PRESENT_PER_DRAFT) {
      throw new DomainError(
        ErrorCode.TOO_MANY_REQUESTS,
        DraftingRefusal.DRAFT_FULL,
        `At most ${MAX_PRESENT_PER_DRAFT} connections may have one draft open; try again later`,
      );
    }
    const presenceId = randomUUID();
    this.local.set(presenceId, {
      presenceId,
      positionId,
      personId,
      sectionId: null,
      editing: false,
      tokens: MOVE_BURST,
      refilledAt: Date.now(),
    });
    let ids = this.localByDraft.get(positionId);
    if (!ids) {
      ids = new Set();
      this.localByDraft.set(positionId, ids);
    }
    ids.add(presenceId);
    this.heartbeat ??= setInterval(() => this.beat(), PRESENCE_HEARTBEAT_MS).unref();
    this.changed(positionId);
    await this.publishState(positionId);
    return presenceId;
  }

  /** The presence with this id, on any instance, if it is open. */
  find(presenceId: string): PlacedPresence | undefined {
    const own = this.local.get(presenceId);
    if (own) {
      return toPlaced(own);
    }
    for (const [positionId, byInstance] of this.remote) {
      for (const state of byInstance.values()) {
        const found = state.entries.find((p) => p.presenceId === presenceId);
        if (found && state.expiresAt > Date.now()) {
          return { ...found, positionId };
        }
      }
    }
    return undefined;
  }

  /**
   * Says where a person is in the draft, and whether they are typing; only the connection's own
   * person may move it, at most MOVES_PER_SECOND a second (after a burst of MOVE_BURST).
   */
  async move(presenceId: string, personId: string, sectionId: string | null, editing: boolean): Promise<Presence> {
    const found = this.find(presenceId);
    if (!found || found.personId !== personId) {
      throw DomainError.unknown('input.presenceId', 'is not an open presence of yours');
    }
    const moved: PlacedPresence = { ...found, sectionId, editing: editing && sectionId !== null };
    const own = this.local.get(presenceId);
    let bucket: Bucket | undefined = own ?? this.forwarded.get(presenceId);
    if (!bucket) {
      bucket = { tokens: MOVE_BURST, refilledAt: Date.now() };
      this.forwarded.set(presenceId, bucket);
      this.sweeper ??= setInterval(() => this.sweep(), SWEEP_MS).unref();
    }
    // Checked here too for a connection held elsewhere, so a flood is refused before it reaches the channel.
    if (!this.take(bucket)) {
      throw new DomainError(
        ErrorCode.TOO_MANY_REQUESTS,
        DraftingRefusal.PRESENCE_TOO_FAST,
        `At most ${MOVES_PER_SECOND} moves and typing pulses a second per connection`,
      );
    }
    if (own) {
      this.applyMove(own, moved);
    } else {
      // Held by another instance: it applies the move (and its rate limit) and tells everyone.
      const holder = this.holderOf(found.positionId, presenceId);
      await this.publish({ kind: 'move', instanceId: this.instanceId, to: holder ?? '', ...moved });
    }
    return toPresence(moved);
  }

  leave(presenceId: string): Promise<void> {
    const entry = this.local.get(presenceId);
    if (!entry) {
      return Promise.resolve();
    }
    this.local.delete(presenceId);
    const ids = this.localByDraft.get(entry.positionId);
    ids?.delete(presenceId);
    if (ids?.size === 0) {
      this.localByDraft.delete(entry.positionId);
    }
    if (this.local.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
    this.changed(entry.positionId);
    return this.publishState(entry.positionId);
  }

  /** Calls `listener` with the draft's presence whenever it changes (and once at the start). */
  watch(positionId: string, listener: (present: Presence[]) => void): () => void {
    let set = this.watchers.get(positionId);
    if (!set) {
      set = new Set();
      this.watchers.set(positionId, set);
    }
    set.add(listener);
    this.last.delete(positionId); // a new watcher hears the current set at the next notification
    this.changed(positionId);
    const listeners = set;
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        this.watchers.delete(positionId);
        this.last.delete(positionId);
      }
    };
  }

  /** Everyone present in the draft now, on every instance, in a stable order. */
  presentIn(positionId: string): Presence[] {
    const now = Date.now();
    const present: Presence[] = [];
    for (const id of this.localByDraft.get(positionId) ?? []) {
      const entry = this.local.get(id);
      if (entry) {
        present.push(toPresence(entry));
      }
    }
    for (const state of this.remote.get(positionId)?.values() ?? []) {
      if (state.expiresAt > now) {
        present.push(...state.entries);
      }
    }
    return present.sort((a, b) => (a.presenceId < b.presenceId ? -1 : a.presenceId > b.presenceId ? 1 : 0));
  }

  private take(bucket: Bucket): boolean {
    const now = Date.now();
    bucket.tokens = refilled(bucket, now);
    bucket.refilledAt = now;
    if (bucket.tokens < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  private applyMove(entry: LocalEntry, moved: PlacedPresence): void {
    if (entry.sectionId === moved.sectionId && entry.editing === moved.editing) {
      return;
    }
    entry.sectionId = moved.sectionId;
    entry.editing = moved.editing;
    this.changed(entry.positionId);
    void this.publishState(entry.positionId);
  }

  private holderOf(positionId: string, presenceId: string): string | undefined {
    for (const [instanceId, state] of this.remote.get(positionId) ?? []) {
      if (state.entries.some((p) => p.presenceId === presenceId)) {
        return instanceId;
      }
    }
    return undefined;
  }

  private receive(message: unknown): void {
    const parsed = parseMessage(message);
    if (!parsed || parsed.instanceId === this.instanceId) {
      return; // not ours to read, or our own echo
    }
    if (parsed.kind === 'move') {
      const own = parsed.to === this.instanceId ? this.local.get(parsed.presenceId) : undefined;
      if (own && own.personId === parsed.personId && own.positionId === parsed.positionId && this.take(own)) {
        this.applyMove(own, parsed);
      }
      return;
    }
    let byInstance = this.remote.get(parsed.positionId);
    if (!byInstance) {
      byInstance = new Map();
      this.remote.set(parsed.positionId, byInstance);
    }
    if (parsed.entries.length === 0) {
      byInstance.delete(parsed.instanceId);
      if (byInstance.size === 0) {
        this.remote.delete(parsed.positionId);
      }
    } else {
      byInstance.set(parsed.instanceId, { entries: parsed.entries, expiresAt: Date.now() + PRESENCE_EXPIRY_MS });
      this.sweeper ??= setInterval(() => this.sweep(), SWEEP_MS).unref();
    }
    this.changed(parsed.positionId);
  }

  /** Drops what instances that stopped heartbeating had said. */
  private sweep(): void {
    const now = Date.now();
    // A full bucket is the same as none: forget it (so the map holds only recent movers).
    for (const [presenceId, bucket] of this.forwarded) {
      if (refilled(bucket, now) >= MOVE_BURST) {
        this.forwarded.delete(presenceId);
      }
    }
    for (const [positionId, byInstance] of this.remote) {
      for (const [instanceId, state] of byInstance) {
        if (state.expiresAt <= now) {
          byInstance.delete(instanceId);
          this.changed(positionId);
        }
      }
      if (byInstance.size === 0) {
        this.remote.delete(positionId);
      }
    }
    if (this.remote.size === 0 && this.forwarded.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private beat(): void {
    for (const positionId of this.localByDraft.keys()) {
      void this.publishState(positionId);
    }
  }

  private publishState(positionId: string): Promise<void> {
    const entries = [...(this.localByDraft.get(positionId) ?? [])].flatMap((id) => {
      const entry = this.local.get(id);
      return entry ? [toPresence(entry)] : [];
    });
    return this.publish({ kind: 'state', instanceId: this.instanceId, positionId, entries });
  }

  private async publish(message: PresenceMessage): Promise<void> {
    try {
      await this.pubsub.publish(PRESENCE_TRIGGER, message);
      this.failing = false;
    } catch (error) {
      // The next heartbeat says it again; said once per outage, not once per heartbeat.
      if (!this.failing) {
        this.failing = true;
        this.log.warn({ err: error }, 'Publishing presence failed; others see it again once the channel is back');
      }
    }
  }

  private changed(positionId: string): void {
    if (!this.watchers.has(positionId)) {
      return;
    }
    this.dirty.add(positionId);
    this.notifyTimer ??= setTimeout(() => this.notify(), NOTIFY_MS);
  }

  private notify(): void {
    this.notifyTimer = null;
    const drafts = [...this.dirty];
    this.dirty.clear();
    for (const positionId of drafts) {
      const listeners = this.watchers.get(positionId);
      if (!listeners) {
        continue;
      }
      const present = this.presentIn(positionId);
      const key = JSON.stringify(present);
      if (this.last.get(positionId) !== key) {
        this.last.set(positionId, key);
        for (const listener of listeners) {
          listener(present);
        }
      }
    }
  }
}

const refilled = (bucket: Bucket, now: number): number =>
  Math.min(MOVE_BURST, bucket.tokens + ((now - bucket.refilledAt) / 1_000) * MOVES_PER_SECOND);

const toPresence = ({ presenceId, personId, sectionId, editing }: Presence): Presence => ({
  presenceId,
  personId,
  sectionId,
  editing,
});
const toPlaced = (entry: PlacedPresence): PlacedPresence => ({ ...toPresence(entry), positionId: entry.positionId });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const isPresence = (value: unknown): value is Presence => {
  const p = value as Partial<Presence> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    isId(p.presenceId) &&
    isId(p.personId) &&
    (p.sectionId === null || isId(p.sectionId)) &&
    typeof p.editing === 'boolean'
  );
};

/** A message as another instance sent it, or undefined for anything malformed (the channel is shared). */
function parseMessage(message: unknown): PresenceMessage | undefined {
  const m = message as Record<string, unknown> | null;
  if (typeof m !== 'object' || m === null || !isId(m.instanceId) || !isId(m.positionId)) {
    return undefined;
  }
  if (m.kind === 'state' && Array.isArray(m.entries) && m.entries.length <= MAX_PRESENT_PER_DRAFT) {
    const entries = m.entries.filter(isPresence).map(toPresence);
    return { kind: 'state', instanceId: m.instanceId, positionId: m.positionId, entries };
  }
  if (m.kind === 'move' && isId(m.to) && isPresence(m)) {
    return { kind: 'move', instanceId: m.instanceId, to: m.to, positionId: m.positionId, ...toPresence(m) };
  }
  return undefined;
}
