import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { type ActorRef, DomainError, ErrorCode, type RequestContext, RequestLoaders } from '@app/common';
import { LiveRights, narrowed } from './live-rights';
import type { ActivityWakeups } from './wakeups';
import { IdentityRefusal } from '@app/identity';

const PERSON: ActorRef = {
  kind: 'PERSON',
  personId: 'p1',
  sessionId: 's1',
  affiliations: [{ organisationId: 'o1', role: 'MEMBER' } as { organisationId: string }],
};
const signedOut = (): Promise<ActorRef> =>
  Promise.reject(
    new DomainError(
      ErrorCode.UNAUTHENTICATED,
      IdentityRefusal.ACCESS_TOKEN_INVALID,
      'The access token is invalid, expired or signed out',
    ),
  );

class FakeWakeups implements ActivityWakeups {
  announced: string[][] = [];
  hear: (subjects: string[]) => void = () => undefined;
  publish = (): Promise<void> => Promise.resolve();
  subscribe = (): Promise<void> => Promise.resolve();
  close = (): Promise<void> => Promise.resolve();
  state = (): { transport: 'postgres'; connected: boolean } => ({ transport: 'postgres', connected: true });
  publishRights(subjects: readonly string[]): Promise<void> {
    this.announced.push([...subjects]);
    return Promise.resolve();
  }
  onRights(handler: (subjects: string[]) => void): void {
    this.hear = handler;
  }
}

/** A source whose items the test pushes; `returned` tells whether it was closed. */
function source<T>() {
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  const state = { returned: false };
  const iterator: AsyncIterator<T> = {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    return: () => {
      state.returned = true;
      waiting.splice(0).forEach((resolve) => resolve({ value: undefined, done: true }));
      return Promise.resolve({ value: undefined, done: true });
    },
  };
  return { iterator, state, push: (value: T) => waiting.shift()?.({ value, done: false }) };
}

function contextOf(opened: ActorRef, current: () => Promise<ActorRef>): RequestContext {
  return {
    requestId: 'r',
    clientAddress: '127.0.0.1',
    bearerToken: 'token',
    loaders: new RequestLoaders(),
    actor: () => Promise.resolve(opened),
    currentActor: current,
  };
}

/**
 * A guarded stream over a source that pushes (as ActivityStream does): `offer` hands the source an
 * item (answering what the guard says it holds), `delivered` is what came out of the guard.
 */
async function guardedPushing(sut: LiveRights, current: () => Promise<ActorRef>) {
  const { iterator } = source<string>();
  let offer: (item: string) => number = () => 0;
  const pushing = Object.assign(iterator, { pushTo: (deliver: (item: string) => number) => (offer = deliver) });
  const stream = (await sut.guard(contextOf(PERSON, current), pushing)) as AsyncIterableIterator<string> & {
    pushTo(deliver: (item: string) => number): void;
  };
  const delivered: string[] = [];
  stream.pushTo((item) => (delivered.push(item), 0));
  return { stream, delivered, offer: (item: string) => offer(item) };
}

const settle = () => new Promise((done) => setImmediate(done));

describe('LiveRights', () => {
  let sut: LiveRights | null = null;

  afterEach(() => {
    sut?.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('ends a waiting stream with UNAUTHENTICATED when its session is announced signed out, then is done', async () => {
    const wakeups = new FakeWakeups();
    sut = new LiveRights(wakeups);
    const { iterator, state } = source<string>();
    let current: () => Promise<ActorRef> = () => Promise.resolve(PERSON);
    const stream = await sut.guard(
      contextOf(PERSON, () => current()),
      iterator,
    );
    const next = stream.next();
    current = signedOut;
    await sut.changed(['session:s1']);
    await expect(next).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
    expect(state.returned).toBe(true);
    expect(wakeups.announced).toEqual([['session:s1']]);
  });

  it('holds an item that arrives during a check, and drops it when the check ends the stream', async () => {
    sut = new LiveRights(new FakeWakeups());
    const { iterator, push } = source<string>();
    let refuse: (error: unknown) => void = () => undefined;
    const stream = await sut.guard(
      contextOf(PERSON, () => new Promise<ActorRef>((_, reject) => (refuse = reject))),
      iterator,
    );
    const next = stream.next();
    void sut.changed(['organisation:o1']);
    push('written after the change');
    await settle();
    refuse(new DomainError(ErrorCode.UNAUTHENTICATED, IdentityRefusal.ACCESS_TOKEN_INVALID, 'signed out'));
    await expect(next).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('passes pushed items at once, holds those that arrive during a check, and delivers them after it, in order', async () => {
    sut = new LiveRights(new FakeWakeups());
    let allow: (actor: ActorRef) => void = () => undefined;
    const { delivered, offer } = await guardedPushing(sut, () => new Promise<ActorRef>((resolve) => (allow = resolve)));
    offer('before');
    void sut.changed(['organisation:o1']);
    offer('during 1');
    offer('during 2');
    expect(delivered).toEqual(['before']);
    allow(PERSON);
    await settle();
    offer('after');
    expect(delivered).toEqual(['before', 'during 1', 'during 2', 'after']);
  });

  it('releases each held item on the verdict of the check it arrived during, while later checks overlap', async () => {
    sut = new LiveRights(new FakeWakeups());
    const allow: ((actor: ActorRef) => void)[] = [];
    const { delivered, offer } = await guardedPushing(
      sut,
      () => new Promise<ActorRef>((resolve) => allow.push(resolve)),
    );
    void sut.changed(['organisation:o1']); // check 1
    expect(offer('a')).toBe(1); // held: the receiver learns how many wait
    void sut.changed(['organisation:o1']); // check 2 queued behind check 1
    expect(offer('b')).toBe(2);
    allow.shift()?.(PERSON); // check 1 passes; check 2 starts
    await settle();
    expect(delivered).toEqual(['a', 'b']); // both arrived during check 1
    offer('c'); // during check 2
    expect(delivered).toEqual(['a', 'b']);
    allow.shift()?.(PERSON);
    await settle();
    expect(delivered).toEqual(['a', 'b', 'c']);
  });

  it('drops pushed items held during a check that ends the stream', async () => {
    sut = new LiveRights(new FakeWakeups());
    let refuse: (error: unknown) => void = () => undefined;
    const { stream, delivered, offer } = await guardedPushing(
      sut,
      () => new Promise<ActorRef>((_, reject) => (refuse = reject)),
    );
    const end = stream.next();
    void sut.changed(['organisation:o1']);
    offer('written after the change');
    refuse(new DomainError(ErrorCode.UNAUTHENTICATED, IdentityRefusal.ACCESS_TOKEN_INVALID, 'signed out'));
    await expect(end).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    offer('later');
    expect(delivered).toEqual([]);
  });

  it('ends with UNAUTHENTICATED, not an internal error, when the source itself meets the ended credentials', async () => {
    sut = new LiveRights(new FakeWakeups());
    const { state } = source<string>();
    const failing: AsyncIterator<string> = {
      next: () => signedOut().then(() => ({ value: 'never', done: false })),
      return: () => {
        state.returned = true;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
    const stream = await sut.guard(
      contextOf(PERSON, () => Promise.resolve(PERSON)),
      failing,
    );
    const ended = stream.next();
    await expect(ended).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(ended).rejects.not.toBeInstanceOf(DomainError);
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
    expect(state.returned).toBe(true);
  });

  it("reports a check's verdict rather than a source failure that races it", async () => {
    sut = new LiveRights(new FakeWakeups());
    let fail: (error: unknown) => void = () => undefined;
    const racing: AsyncIterator<string> = {
      next: () => new Promise((_, reject) => (fail = reject)),
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
    let refuse: (error: unknown) => void = () => undefined;
    const stream = await sut.guard(
      contextOf(PERSON, () => new Promise<ActorRef>((_, reject) => (refuse = reject))),
      racing,
    );
    const next = stream.next();
    void sut.changed(['session:s1']);
    await settle();
    fail(new Error('the item could not be read'));
    await settle();
    refuse(new DomainError(ErrorCode.UNAUTHENTICATED, IdentityRefusal.ACCESS_TOKEN_INVALID, 'signed out'));
    await expect(next).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it("re-checks only the streams of the subjects announced, and ends with FORBIDDEN on the stream's own rule", async () => {
    const wakeups = new FakeWakeups();
    sut = new LiveRights(wakeups);
    const checked: string[] = [];
    const draft = source<string>();
    const other = source<string>();
    const stream = await sut.guard(
      contextOf(PERSON, () => Promise.resolve(PERSON)),
      draft.iterator,
      {
        what: 'draft',
        subjects: ['network:n1'],
        stillAllowed: () => {
          checked.push('draft');
          return Promise.resolve(false);
        },
      },
    );
    await sut.guard(
      contextOf({ ...PERSON, sessionId: 's2', affiliations: [] }, () => Promise.resolve(PERSON)),
      other.iterator,
      {
        stillAllowed: () => {
          checked.push('other');
          return Promise.resolve(true);
        },
      },
    );
    const next = stream.next();
    wakeups.hear(['network:n1']); // as heard from another instance
    await expect(next).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(checked).toEqual(['draft']);
    expect(other.state.returned).toBe(false);
  });

  it("ends a stream with UNAUTHENTICATED when its access token's expiry comes", async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    sut = new LiveRights(new FakeWakeups());
    const { iterator, state } = source<string>();
    const opened = { ...PERSON, expiresAt: new Date(Date.now() + 5_000) };
    const stream = await sut.guard(
      contextOf(opened, () => Promise.resolve(opened)),
      iterator,
    );
    const next = stream.next();
    jest.advanceTimersByTime(4_999);
    await settle();
    expect(state.returned).toBe(false);
    jest.advanceTimersByTime(1);
    await expect(next).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(state.returned).toBe(true);
  });

  it('sweeps the credentials of streams not checked for 30 s (not their own rule), and ends those that lost them', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    sut = new LiveRights(new FakeWakeups());
    const { iterator } = source<string>();
    const rule = jest.fn(() => Promise.resolve(true));
    let current: () => Promise<ActorRef> = () => Promise.resolve(PERSON);
    const stream = await sut.guard(
      contextOf(PERSON, () => current()),
      iterator,
      { stillAllowed: rule },
    );
    const next = stream.next();
    current = () => Promise.resolve({ ...PERSON, affiliations: [] }); // their organisation dropped them, unannounced
    jest.advanceTimersByTime(25_000);
    await settle();
    jest.advanceTimersByTime(10_000);
    await expect(next).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(rule).not.toHaveBeenCalled();
  });

  it('leaves anonymous streams without a rule of their own as they are', async () => {
    sut = new LiveRights(new FakeWakeups());
    const { iterator } = source<string>();
    const anonymous = { kind: 'ANONYMOUS' };
    expect(
      await sut.guard(
        contextOf(anonymous, () => Promise.resolve(anonymous)),
        iterator,
      ),
    ).toBe(iterator);
  });
});

describe('narrowed', () => {
  const withRole = (role: string) => ({
    ...PERSON,
    affiliations: [{ organisationId: 'o1', role } as { organisationId: string }],
  });

  it('is true when an organisation, a role or the admin flag is lost, or the caller differs', () => {
    expect(narrowed(PERSON, { ...PERSON, affiliations: [] })).toBe(true);
    expect(narrowed(withRole('ADMIN'), withRole('MEMBER'))).toBe(true);
    expect(narrowed({ ...PERSON, platformAdmin: true }, PERSON)).toBe(true);
    expect(narrowed(PERSON, { ...PERSON, personId: 'p2' })).toBe(true);
  });

  it('is false when nothing was lost (more rights keep the stream, with the rights it was opened with)', () => {
    expect(narrowed(PERSON, PERSON)).toBe(false);
    expect(
      narrowed(PERSON, {
        ...PERSON,
        affiliations: [...(PERSON.affiliations ?? []), { organisationId: 'o2' }],
      }),
    ).toBe(false);
  });
});
