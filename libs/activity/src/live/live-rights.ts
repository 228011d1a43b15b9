import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { GraphQLError } from 'graphql';
import {
  type ActorRef,
  canPush,
  credentialsEnded,
  ErrorCode,
  type LiveDelivery,
  type LivePush,
  noLongerAllowed,
  type RequestContext,
} from '@app/common';
import { RIGHTS_RECHECK_MS, rightsSubject } from './rights-changes';
import { ACTIVITY_WAKEUPS, type ActivityWakeups } from './wakeups';

/** What a live stream follows, beyond its caller's credentials. */
export interface LiveRightsOptions {
  /** Named in the error that ends the stream ("draft", "event"). */
  readonly what?: string;
  /** Further subjects whose changes may end it (e.g. `network:<id>` for a draft of that network). */
  readonly subjects?: readonly string[];
  /** Whether the caller, as they are now, may still follow it. */
  readonly stillAllowed?: (actor: ActorRef) => Promise<boolean>;
}

/** setTimeout's longest delay; later expiries re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How often the safety net looks for streams not checked for RIGHTS_RECHECK_MS. */
const SWEEP_MS = 5_000;

/**
 * Ends live streams when the rights they were opened with end: the caller signed out, their API
 * token was revoked, their access token expired, they lost an organisation or role, or the stream's
 * own rule (may they still read this draft?) says no. Writers name who is affected right after
 * commit (`changed`), every instance hears it (NOTIFY or Redis) and re-checks only the streams of
 * those subjects; an expiry ends a stream on a timer; a sweep re-checks every stream's credentials at
 * least every RIGHTS_RECHECK_MS in case a message was lost or rights changed where nothing is announced
 * (one read per token; a stream's own rule is checked on announcements and by the stream on its items).
 */
@Injectable()
export class LiveRights implements OnApplicationShutdown {
  private readonly log = new Logger('LiveRights');
  private readonly bySubject = new Map<string, Set<GuardedStream<unknown>>>();
  private readonly all = new Set<GuardedStream<unknown>>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(@Inject(ACTIVITY_WAKEUPS) private readonly wakeups: ActivityWakeups) {
    wakeups.onRights((subjects) => this.recheck(subjects));
  }

  onApplicationShutdown(): void {
    if (this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  /**
   * Announces that the rights of these subjects may have ended: this instance's streams are
   * re-checked at once (before the caller answers), other instances' on the message.
   */
  async changed(subjects: readonly string[]): Promise<void> {
    if (subjects.length === 0) {
      return;
    }
    this.recheck(subjects);
    await this.wakeups
      .publishRights(subjects)
      .catch((error: unknown) =>
        this.log.warn({ err: error }, 'Announcing a rights change failed; other instances re-check within their sweep'),
      );
  }

  /**
   * The stream, ended with UNAUTHENTICATED once the caller's credentials end and with FORBIDDEN once
   * their rights narrow or `stillAllowed` says no; items that arrive while a check runs wait for it.
   */
  async guard<T>(
    context: RequestContext,
    source: AsyncIterator<T>,
    options: LiveRightsOptions = {},
  ): Promise<AsyncIterableIterator<T>> {
    if (source instanceof GuardedStream) {
      return source as GuardedStream<T>;
    }
    const opened = await context.actor();
    if (opened.kind === 'ANONYMOUS' && !options.stillAllowed) {
      return source as AsyncIterableIterator<T>; // no credentials to end, nothing of its own to re-check
    }
    const forget = (): void => this.forget(stream);
    const stream: GuardedStream<T> = canPush<T>(source)
      ? new PushingGuardedStream<T>(source, context, opened, options, forget)
      : new GuardedStream<T>(source, context, opened, options, forget);
    this.all.add(stream);
    for (const subject of stream.subjects) {
      let streams = this.bySubject.get(subject);
      if (!streams) {
        streams = new Set();
        this.bySubject.set(subject, streams);
      }
      streams.add(stream);
    }
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_MS).unref();
    return stream;
  }

  private recheck(subjects: readonly string[]): void {
    const streams = new Set<GuardedStream<unknown>>();
    for (const subject of subjects) {
      for (const stream of this.bySubject.get(subject) ?? []) {
        streams.add(stream);
      }
    }
    checkTogether(streams, true);
  }

  private sweep(): void {
    const due = Date.now() - RIGHTS_RECHECK_MS;
    // Credentials only: each stream's own rule is checked on announcements, and by the stream on its items.
    checkTogether(
      [...this.all].filter((stream) => stream.checkedAt < due),
      false,
    );
  }

  private forget(stream: GuardedStream<unknown>): void {
    this.all.delete(stream);
    for (const subject of stream.subjects) {
      const streams = this.bySubject.get(subject);
      streams?.delete(stream);
      if (streams?.size === 0) {
        this.bySubject.delete(subject);
      }
    }
    if (this.all.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }
}

/** Streams presenting the same bearer token share one read of who it stands for now. */
function checkTogether(streams: Iterable<GuardedStream<unknown>>, withRules: boolean): void {
  const actors = new Map<string, Promise<ActorRef>>();
  for (const stream of streams) {
    stream.recheck(withRules, (context) => {
      const key = context.bearerToken ?? '';
      let actor = actors.get(key);
      if (!actor) {
        actor = context.currentActor();
        actors.set(key, actor);
      }
      return actor;
    });
  }
}

function subjectsOf(actor: ActorRef, extra: readonly string[]): string[] {
  const subjects = new Set(extra);
  if (actor.sessionId) {
    subjects.add(rightsSubject.session(actor.sessionId));
  }
  if (actor.tokenId) {
    subjects.add(rightsSubject.token(actor.tokenId));
  }
  if (actor.personId) {
    subjects.add(rightsSubject.person(actor.personId));
  }
  if (actor.organisationId) {
    subjects.add(rightsSubject.organisation(actor.organisationId));
  }
  for (const { organisationId } of actor.affiliations ?? []) {
    subjects.add(rightsSubject.organisation(organisationId));
  }
  return [...subjects];
}

/** Whether `now` may do less than `opened` (another caller, an admin no more, an organisation or role lost). */
export function narrowed(opened: ActorRef, now: ActorRef): boolean {
  if (opened.kind !== now.kind || opened.personId !== now.personId || opened.tokenId !== now.tokenId) {
    return true;
  }
  if (opened.platformAdmin && !now.platformAdmin) {
    return true;
  }
  const key = (a: { organisationId: string; role?: unknown }): string => `${a.organisationId}/${String(a.role)}`;
  const current = new Set((now.affiliations ?? []).map(key));
  return (opened.affiliations ?? []).some((a) => !current.has(key(a)));
}

function isUnauthenticated(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === ErrorCode.UNAUTHENTICATED;
}

/** A live stream that ends, with an error carrying its code, when its caller's rights end. */
class GuardedStream<T> implements AsyncIterableIterator<T> {
  readonly subjects: readonly string[];
  checkedAt = Date.now();
  protected checking: Promise<void> | null = null;
  private again: { withRule: boolean; actorOf: (context: RequestContext) => Promise<ActorRef> } | null = null;
  private ending: GraphQLError | null = null;
  protected finished = false;
  private abort: (error: GraphQLError) => void = () => undefined;
  /** Rejects once the stream is ended, so that a waiting `next()` gives up at once. */
  private readonly aborted: Promise<never>;
  private expiry: NodeJS.Timeout | null = null;

  constructor(
    protected readonly source: AsyncIterator<T>,
    private readonly context: RequestContext,
    private readonly opened: ActorRef,
    private readonly options: LiveRightsOptions,
    private readonly onFinish: () => void,
  ) {
    this.subjects = subjectsOf(opened, options.subjects ?? []);
    this.aborted = new Promise<never>((_, reject) => (this.abort = reject));
    this.aborted.catch(() => undefined);
    if (opened.expiresAt) {
      this.armExpiry(opened.expiresAt);
    }
  }

  /** Checks the caller's rights again (one check at a time; a request meanwhile runs once after it). */
  recheck(withRule: boolean, actorOf: (context: RequestContext) => Promise<ActorRef>): void {
    if (this.finished) {
      return;
    }
    if (this.checking) {
      this.again = { withRule: withRule || (this.again?.withRule ?? false), actorOf };
      return;
    }
    const number = ++this.checks;
    this.checking = this.check(withRule, actorOf).finally(() => {
      this.checking = null;
      const again = this.again;
      this.again = null;
      if (again) {
        this.recheck(again.withRule, again.actorOf);
      }
      this.checked(number);
    });
  }

  /** Checks started so far: the one under way (if any) is number `checks`. */
  protected checks = 0;

  /** Check number `number` has settled (the next may have started already). */
  protected checked(_number: number): void {}

  private async check(withRule: boolean, actorOf: (context: RequestContext) => Promise<ActorRef>): Promise<void> {
    this.checkedAt = Date.now();
    let now: ActorRef;
    try {
      now = await actorOf(this.context);
    } catch (error) {
      if (isUnauthenticated(error)) {
        this.end(credentialsEnded('Your credentials ended (signed out, revoked or expired): subscribe again'));
      }
      return; // anything else (the database briefly away) is tried again by the sweep
    }
    if (narrowed(this.opened, now)) {
      this.end(noLongerAllowed(this.options.what ?? 'stream'));
      return;
    }
    const rule = withRule ? this.options.stillAllowed : undefined;
    const allowed = rule ? await rule(now).catch(() => false) : true;
    if (!allowed) {
      this.end(noLongerAllowed(this.options.what ?? 'stream'));
    }
  }

  private armExpiry(at: Date): void {
    const delay = at.getTime() - Date.now();
    this.expiry = setTimeout(
      () =>
        delay > MAX_TIMER_MS
          ? this.armExpiry(at)
          : this.end(credentialsEnded('Your access token expired: subscribe again with a fresh one')),
      Math.max(0, Math.min(delay, MAX_TIMER_MS)),
    );
    this.expiry.unref();
  }

  /** Ends the stream with `error`: a waiting `next()` rejects with it, and nothing more is delivered. */
  private end(error: GraphQLError): void {
    if (this.finished) {
      return;
    }
    this.ending = error;
    this.abort(error);
    void this.finish();
  }

  private async finish(): Promise<void> {
    if (this.finished) {
      return;
    }
    this.finished = true;
    if (this.expiry) {
      clearTimeout(this.expiry);
    }
    this.onFinish();
    await this.source.return?.();
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.finished) {
      return this.finalResult();
    }
    try {
      const item = await Promise.race([this.source.next(), this.aborted]);
      // An item that arrives while rights are being checked waits for the verdict.
      if (this.checking) {
        await Promise.race([this.checking, this.aborted]);
      }
      if (item.done) {
        await this.finish();
      }
      return item;
    } catch (error) {
      if (error !== this.ending && this.checking) {
        await this.checking; // a failure that races a check reports the check's verdict
      }
      if (error === this.ending || this.ending) {
        return this.finalResult();
      }
      if (isUnauthenticated(error)) {
        // The source met the ended credentials first (e.g. re-reading the caller for an item).
        this.end(credentialsEnded('Your credentials ended (signed out, revoked or expired): subscribe again'));
        return this.finalResult();
      }
      await this.finish();
      throw error;
    }
  }

  /** The ending error once, then done. */
  private finalResult(): Promise<IteratorResult<T>> {
    const error = this.ending;
    this.ending = null;
    return error ? Promise.reject(error) : Promise.resolve({ value: undefined, done: true });
  }

  async return(): Promise<IteratorResult<T>> {
    await this.finish();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.finish();
    throw error instanceof Error ? error : new Error(String(error));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * A guarded stream whose source pushes its items: they pass at once, or, arriving during a check, wait
 * for that check's verdict (as `next()` waits for the check under way when an item arrives).
 */
class PushingGuardedStream<T> extends GuardedStream<T> implements LivePush<T> {
  private deliver: LiveDelivery<T> = () => 0;
  /** Items that arrived during a check, in order, each with the number of that check. */
  private readonly held: { readonly item: T; readonly check: number }[] = [];
  /** What the receiver held at its last delivery. */
  private downstream = 0;

  pushTo(deliver: LiveDelivery<T>): void {
    this.deliver = deliver;
    (this.source as AsyncIterator<T> & LivePush<T>).pushTo((item) => {
      if (this.finished) {
        return 0;
      }
      if (this.checking || this.held.length > 0) {
        this.held.push({ item, check: this.checks });
        return this.held.length + this.downstream;
      }
      this.downstream = deliver(item);
      return this.downstream;
    });
  }

  protected override checked(number: number): void {
    let released = 0;
    while (released < this.held.length && this.held[released].check <= number) {
      released++;
    }
    const items = this.held.splice(0, released);
    if (!this.finished) {
      for (const { item } of items) {
        this.downstream = this.deliver(item);
      }
    }
  }
}
