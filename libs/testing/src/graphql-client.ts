import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; fields?: { field: string; message: string }[]; [key: string]: unknown };
}

export interface GraphqlResponse<T> {
  data?: T | null;
  errors?: GraphqlError[];
}

/** A GraphQL client as a real one talks to the API: JSON POSTs over HTTP. */
export class GraphqlHttpClient {
  constructor(private readonly url: string) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphqlResponse<T> & { status: number; headers: Headers }> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphqlResponse<T>;
    return { ...body, status: response.status, headers: response.headers };
  }

  /** The data of a request that must succeed; fails with the errors otherwise. */
  async data<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const { data, errors } = await this.request<T>(query, variables, headers);
    if (errors?.length || !data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(errors)}`);
    }
    return data;
  }
}

/** A graphql-ws client (the protocol browsers and dashboards use) on the API's WebSocket path. */
export function graphqlWsClient(url: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams,
  });
}

/** Runs one operation over WebSocket and collects what it yields. */
export async function wsRequest<T>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlResponse<T>[]> {
  const results: GraphqlResponse<T>[] = [];
  for await (const result of client.iterate<T>({ query, variables })) {
    results.push(result as GraphqlResponse<T>);
  }
  return results;
}

/** A running subscription that collects what it receives: the data of each item, and errors. */
export class LiveSubscription<T> {
  readonly items: T[] = [];
  readonly errors: GraphqlError[] = [];
  private readonly dispose: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    this.dispose = client.subscribe<T>(
      { query, variables },
      {
        next: (message) => {
          if (message.data) {
            this.items.push(message.data);
          }
          this.errors.push(...((message.errors ?? []) as GraphqlError[]));
        },
        error: (error) =>
          this.errors.push(...(Array.isArray(error) ? (error as GraphqlError[]) : [{ message: String(error) }])),
        complete: () => undefined,
      },
    );
  }

  /**
   * Waits until `count` items arrived, an error came, or `ms` passed; answers the items so far.
   * The deadline is generous because reaching the count ends the wait: a busy machine is slow.
   */
  async waitFor(count: number, ms = 20_000): Promise<T[]> {
    const until = Date.now() + ms;
    while (this.items.length < count && Date.now() < until && this.errors.length === 0) {
      await new Promise((done) => setTimeout(done, 25));
    }
    return this.items;
  }

  stop(): void {
    this.dispose();
  }
}
