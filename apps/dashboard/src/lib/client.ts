import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { RefreshSessionMutation } from './operations';
import { credentials, setCredentials } from './credentials';

const GRAPHQL_PATH = '/graphql';
/** Refresh this long before the access token expires, so no request goes out with a stale one. */
const REFRESH_MARGIN_MS = 60_000;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';
const connectionListeners = new Set<(state: ConnectionState) => void>();
let connectionState: ConnectionState = 'connecting';

function setConnectionState(state: ConnectionState): void {
  connectionState = state;
  for (const listener of connectionListeners) {
    listener(state);
  }
}

export function currentConnectionState(): ConnectionState {
  return connectionState;
}

export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

/** A client without credentials: used to refresh a session whose access token has expired. */
const bare = new Client({
  url: GRAPHQL_PATH,
  exchanges: [fetchExchange],
  requestPolicy: 'network-only',
  preferGetMethod: false,
});

let refreshing: Promise<void> | null = null;

/** Swaps the refresh token for a new session once (concurrent callers wait for the same swap). */
export function refreshSessionIfDue(force = false): Promise<void> {
  const now = credentials();
  if (now.kind !== 'session') {
    return Promise.resolve();
  }
  if (!force && Date.parse(now.accessTokenExpiresAt) - Date.now() > REFRESH_MARGIN_MS) {
    return Promise.resolve();
  }
  refreshing ??= bare
    .mutation(RefreshSessionMutation, { refreshToken: now.refreshToken })
    .toPromise()
    .then((result) => {
      const session = result.data?.refreshSession;
      if (session) {
        setCredentials({
          kind: 'session',
          accessToken: session.accessToken,
          accessTokenExpiresAt: session.accessTokenExpiresAt,
          refreshToken: session.refreshToken,
          displayName: session.person.displayName,
        });
      } else if (result.error?.graphQLErrors.length) {
        setCredentials({ kind: 'anonymous' }); // the session ended elsewhere: public view
      }
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function authorization(): string | undefined {
  const now = credentials();
  switch (now.kind) {
    case 'session':
      return `Bearer ${now.accessToken}`;
    case 'apiToken':
      return `Bearer ${now.token}`;
    case 'anonymous':
      return undefined;
  }
}

/** graphql-ws on the API's own origin; each connection asks for fresh credentials. */
function createSocket(): WsClient {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = createWsClient({
    url: url.href,
    lazy: true,
    // Subscriptions resume themselves from their last cursor (see useActivity): a blind
    // re-subscribe with the first variables would replay items already shown.
    retryAttempts: 0,
    connectionParams: async () => {
      await refreshSessionIfDue();
      const header = authorization();
      return header ? { authorization: header } : {};
    },
  });
  socket.on('connecting', () => setConnectionState(connectionState === 'connected' ? 'reconnecting' : connectionState));
  socket.on('connected', () => setConnectionState('connected'));
  socket.on('closed', () => setConnectionState('reconnecting'));
  return socket;
}

let socket: WsClient | null = null;

export function createApiClient(): Client {
  void socket?.dispose();
  socket = createSocket();
  const ws = socket;
  return new Client({
    url: GRAPHQL_PATH,
    preferGetMethod: false, // JSON POSTs: the API's CSRF protection refuses plain GETs
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
    // Every request first refreshes a session about to expire, then carries the current credentials.
    fetch: async (input, init) => {
      await refreshSessionIfDue();
      const header = authorization();
      const headers = new Headers(init?.headers);
      if (header) {
        headers.set('authorization', header);
      } else {
        headers.delete('authorization');
      }
      return fetch(input, { ...init, headers });
    },
  });
}
