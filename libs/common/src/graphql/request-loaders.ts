/** Something that makes a fresh set of DataLoaders; one instance per context, shared by all requests. */
export interface LoaderFactory<T> {
  createLoaders(): T;
}

/**
 * The DataLoaders of one GraphQL request, created lazily per factory so a request
 * pays only for the loaders it uses, and nothing is cached across requests.
 */
export class RequestLoaders {
  private readonly byFactory = new Map<LoaderFactory<unknown>, unknown>();

  of<T>(factory: LoaderFactory<T>): T {
    let loaders = this.byFactory.get(factory) as T | undefined;
    if (loaders === undefined) {
      loaders = factory.createLoaders();
      this.byFactory.set(factory, loaders);
    }
    return loaders;
  }
}
