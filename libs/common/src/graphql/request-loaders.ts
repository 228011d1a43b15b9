/** Something that makes a fresh set of DataLoaders; one instance per context, shared by all requests. */
export interface LoaderFactory<T> {
  /** `kept`: what outlives one set of loaders (see `RequestLoaders.kept`). */
  createLoaders(kept: KeptWork): T;
}

/**
 * State a request keeps across fresh sets of its loaders: a second run of its operation, and each
 * item of a subscription, get loaders of their own but the same budgets of work.
 */
export class KeptWork {
  private readonly byKey = new Map<object, unknown>();

  get<T>(key: object, make: () => T): T {
    let value = this.byKey.get(key) as T | undefined;
    if (value === undefined) {
      value = make();
      this.byKey.set(key, value);
    }
    return value;
  }
}

/**
 * The DataLoaders of one GraphQL request, created lazily per factory so a request
 * pays only for the loaders it uses, and nothing is cached across requests.
 */
export class RequestLoaders {
  private readonly byFactory = new Map<LoaderFactory<unknown>, unknown>();

  /** `kept`: the previous loaders' kept work, where these are a fresh set for the same request or subscription. */
  constructor(readonly kept = new KeptWork()) {}

  of<T>(factory: LoaderFactory<T>): T {
    let loaders = this.byFactory.get(factory) as T | undefined;
    if (loaders === undefined) {
      loaders = factory.createLoaders(this.kept);
      this.byFactory.set(factory, loaders);
    }
    return loaders;
  }
}

/**
 * The context with loaders of its own, keeping its kept work: a second run of a request's operation,
 * or a subscription's next item, starts as the first did (nothing read before serves it).
 */
export function withFreshLoaders(context: unknown): unknown {
  return context !== null && typeof context === 'object' && 'loaders' in context
    ? { ...context, loaders: new RequestLoaders((context.loaders as Partial<RequestLoaders> | null)?.kept) }
    : context;
}
