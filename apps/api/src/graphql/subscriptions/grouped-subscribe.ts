import {
  createSourceEventStream,
  type DocumentNode,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  print,
} from 'graphql';
import { type ActorRef, asLiveWork, canPush, type LivePush, type RequestContext, withFreshLoaders } from '@app/common';

/** Results kept per group (they are small; a slow subscriber further behind re-executes). */
const CACHE_LIMIT = 2_000;

/**
 * graphql-ws `subscribe` that executes each event once per group of subscribers sharing the
 * same document, variables and visibility class, and hands all of them the same result.
 * Each subscriber keeps its own source stream (its own cursor, replay and access checks);
 * only the execution of an item's selection is shared.
 *
 * Everything a subscription does (its set-up and replay, each item, its end) runs as live work,
 * so its database reads use the live pool and never take the connections requests need.
 */
export function groupedSubscribe(
  /** Ends a stream when its caller's credentials end (streams their resolver guarded already pass as they are). */
  guard: (context: RequestContext, source: AsyncIterator<unknown>) => Promise<AsyncIterator<unknown>> = (_, source) =>
    Promise.resolve(source),
): (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  /** Per group and item, the step every subscriber of the group is handed (a promise until it is executed). */
  const cache = new Map<string, Step | Promise<Step>>();
  // Short ids for groups: the key is built on every delivery, so keep it small.
  const groups = new Map<string, number>();
  let nextGroup = 0; // never reused, so a forgotten signature cannot alias a live group

  const run = (key: string, args: ExecutionArgs, item: unknown): Step | Promise<Step> => {
    const cached = cache.get(key);
    if (cached) {
      return cached;
    }
    // Loaders of its own per item: the context lives as long as the subscription, and its loaders would
    // otherwise serve what they read (and rights worked out from it) for that whole life.
    const step = Promise.resolve(
      asLiveWork(() => execute({ ...args, contextValue: withFreshLoaders(args.contextValue), rootValue: item })),
    ).then((value): Step => {
      const executed: Step = { value, done: false };
      if (cache.get(key) === step) {
        cache.set(key, executed); // later subscribers take it without waiting a turn for a promise
      }
      return executed;
    });
    cache.set(key, step);
    if (cache.size > CACHE_LIMIT) {
      cache.delete(cache.keys().next().value as string);
    }
    return step;
  };

  const subscribe = async (args: ExecutionArgs): Promise<GroupedStream | ExecutionResult> => {
    const source = await asLiveWork(() => createSourceEventStream(args));
    if (!isAsyncIterable(source)) {
      return source;
    }
    const signature = `${printed(args.document)}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${await asLiveWork(() => visibilityClass(args))}`;
    let group = groups.get(signature);
    if (group === undefined) {
      if (groups.size >= 10_000) {
        groups.clear(); // bounded memory; live subscriptions keep their ids
      }
      group = nextGroup++;
      groups.set(signature, group);
    }
    const iterator = await asLiveWork(() => guard(args.contextValue as RequestContext, source[Symbol.asyncIterator]()));
    // One promise per delivery: the source's, and the shared step once the group's result is there.
    const step = (next: IteratorResult<unknown>): Step | Promise<Step> | IteratorReturnResult<undefined> =>
      next.done ? DONE : run(`${group}|${itemKey(next.value)}`, args, next.value);
    /** Set once the subscriber's stream has ended (its `next()` settled, or `return()`): nothing more is pushed. */
    let ended = false;
    /** Why a pushed stream gave up (a result that could not be made or written): its `next()` rejects with it. */
    let failure: Error | null = null;
    let pushing = false;
    const mapped: GroupedStream = {
      next: () => {
        if (!pushing) {
          return asLiveWork(() => iterator.next().then(step));
        }
        const end = asLiveWork(() =>
          iterator.next().then((next) => {
            if (failure !== null) {
              throw failure;
            }
            return step(next);
          }),
        );
        void end.then(
          () => (ended = true),
          () => (ended = true),
        );
        return end;
      },
      return: () => {
        ended = true;
        return asLiveWork(async (): Promise<IteratorResult<ExecutionResult>> => {
          await iterator.return?.();
          return { value: undefined, done: true };
        });
      },
      throw: (error: unknown) => {
        ended = true;
        return asLiveWork(async (): Promise<IteratorResult<ExecutionResult>> => {
          await iterator.return?.();
          throw error;
        });
      },
      [Symbol.asyncIterator]() {
        return mapped;
      },
    };
    if (canPush<unknown>(iterator)) {
      // Each item's shared result handed over in order: at once when the group's result is there, else after it.
      mapped.pushTo = (deliver) => {
        pushing = true;
        let tail: Promise<void> | null = null;
        /** Items waiting behind a result still being made. */
        let waiting = 0;
        const handOver = (result: Step): void => {
          if (!ended) {
            deliver(result.value);
          }
        };
        const giveUp = (error: unknown): void => {
          if (!ended) {
            ended = true;
            failure = error instanceof Error ? error : new Error(String(error));
            void iterator.return?.(); // its `next()` settles, and rejects with the failure
          }
        };
        asLiveWork(() =>
          iterator.pushTo((item) => {
            const next = run(`${group}|${itemKey(item)}`, args, item);
            if (tail === null && !(next instanceof Promise)) {
              handOver(next);
              return 0;
            }
            waiting++;
            const queued: Promise<void> = (tail ?? Promise.resolve())
              .then(() => next)
              .then(handOver)
              .catch(giveUp)
              .then(() => {
                waiting--;
                if (tail === queued) {
                  tail = null;
                }
              });
            tail = queued;
            return waiting;
          }),
        );
      };
    }
    return mapped;
  };
  return subscribe;
}

/**
 * A grouped subscription as graphql-ws iterates it; with `pushTo` when its source pushes items (see
 * LivePush): the caller then writes each result as it comes, and graphql-ws's `next()` waits for the end.
 */
export type GroupedStream = AsyncIterableIterator<ExecutionResult> & Partial<LivePush<ExecutionResult>>;

/** What a subscriber's `next()` gives for an item (shared by its group: graphql-ws only reads it). */
type Step = IteratorYieldResult<ExecutionResult>;

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/** Documents are shared by subscribers sending the same text (SubscribeDocuments): printed once each. */
const prints = new WeakMap<DocumentNode, string>();
function printed(document: DocumentNode): string {
  let text = prints.get(document);
  if (text === undefined) {
    text = print(document);
    prints.set(document, text);
  }
  return text;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

/** What makes two deliveries of one item different: who may see what (not who they are). */
async function visibilityClass(args: ExecutionArgs): Promise<string> {
  const context = args.contextValue as Partial<RequestContext> | undefined;
  const actor: ActorRef | undefined = await context?.actor?.().catch(() => undefined);
  if (!actor) {
    return 'anonymous';
  }
  if (actor.platformAdmin) {
    return 'admin';
  }
  return `orgs:${(actor.affiliations ?? [])
    .map((a) => a.organisationId)
    .sort()
    .join(',')}`;
}

/** Items carry a unique, stable key (activity items: their sequence); anything else is not shared. */
function itemKey(item: unknown): string {
  const sequence = (item as { sequence?: unknown } | null)?.sequence;
  return typeof sequence === 'string' ? sequence : `unshared:${Math.random()}`;
}
