import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { onEnd, pipe, subscribe } from 'wonka';
import type { ActivitySubscription as ActivityResult, ActivityScopeKind } from '../gql/graphql';
import { currentConnectionState, onConnectionState, refreshSessionIfDue } from './client';
import { credentials } from './credentials';
import { ActivitySubscription } from './operations';

export type ActivityItem = ActivityResult['activity'];
export type FeedState = 'connecting' | 'live' | 'reconnecting';

export interface Scope {
  kind: ActivityScopeKind;
  target?: string;
}

/** Items shown (and kept for a reload): the newest first. */
const KEEP = 50;

const storageKey = (scope: Scope, who: string): string => `convene.activity.${who}.${scope.kind}.${scope.target ?? ''}`;

interface Stored {
  cursor: string | null;
  items: ActivityItem[];
}

function load(key: string): Stored {
  try {
    const stored = sessionStorage.getItem(key);
    if (stored) {
      return JSON.parse(stored) as Stored;
    }
  } catch {
    // Unreadable: start from now.
  }
  return { cursor: null, items: [] };
}

function save(key: string, stored: Stored): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(stored));
  } catch {
    // Storage full or refused: the feed still runs, a reload starts from now.
  }
}

/**
 * A live feed that survives reloads and dropped connections: the last cursor is kept in session
 * storage, every (re)subscription passes it as `after`, so the server sends exactly what came
 * since; items are also de-duplicated by sequence, in case a resumed stream overlaps.
 */
export function useActivity(
  scope: Scope,
  onItem?: (item: ActivityItem) => void,
): { items: ActivityItem[]; state: FeedState } {
  const client = useClient();
  const who = whoKey();
  const key = storageKey(scope, who);
  const [items, setItems] = useState<ActivityItem[]>(() => load(key).items);
  const [state, setState] = useState<FeedState>('connecting');
  const onItemRef = useRef(onItem);
  onItemRef.current = onItem;

  useEffect(() => {
    let stored = load(key);
    setItems(stored.items);
    let stopped = false;
    let unsubscribe: (() => void) | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    // Live once the socket is up and no retry is pending; the server sends nothing until something happens.
    const settle = (): void => setState(retry || currentConnectionState() !== 'connected' ? 'reconnecting' : 'live');
    const stopWatching = onConnectionState((connection) => {
      if (connection === 'connected') {
        failures = 0;
      }
      settle();
    });

    const connect = (): void => {
      if (stopped) {
        return;
      }
      const variables = { scope: { kind: scope.kind, target: scope.target ?? null }, after: stored.cursor };
      let ending = false;
      const subscription = pipe(
        client.subscription(ActivitySubscription, variables),
        // A stream that ends by itself (the server closed it, the socket dropped) is resumed.
        onEnd(() => {
          if (!ending) {
            reconnect();
          }
        }),
        subscribe((result) => {
          const item = result.data?.activity;
          if (result.error) {
            reconnect();
            return;
          }
          if (!item) {
            return;
          }
          const newest = stored.items[0];
          if (newest && BigInt(item.sequence) <= BigInt(newest.sequence)) {
            return; // already shown
          }
          stored = { cursor: item.cursor, items: [item, ...stored.items].slice(0, KEEP) };
          save(key, stored);
          setItems(stored.items);
          onItemRef.current?.(item);
        }),
      );
      unsubscribe = () => {
        ending = true;
        subscription.unsubscribe();
      };
      if (currentConnectionState() === 'connected') {
        settle();
      }
    };

    const reconnect = (): void => {
      unsubscribe?.();
      unsubscribe = null;
      if (stopped || retry) {
        return;
      }
      setState('reconnecting');
      failures += 1;
      const delay = Math.min(15_000, 500 * 2 ** Math.min(failures - 1, 5)) * (0.75 + Math.random() / 2);
      retry = setTimeout(() => {
        retry = null;
        void refreshSessionIfDue().finally(connect);
      }, delay);
    };

    connect();
    return () => {
      stopped = true;
      stopWatching();
      unsubscribe?.();
      if (retry) {
        clearTimeout(retry);
      }
    };
  }, [client, key, scope.kind, scope.target]);

  return { items, state };
}

/** Feeds differ by who reads them (private items): keep each reader's cursor apart. */
function whoKey(): string {
  const now = credentials();
  switch (now.kind) {
    case 'anonymous':
      return 'public';
    case 'session':
      return `person:${now.displayName}`;
    case 'apiToken':
      return `token:${now.token.slice(-8)}`;
  }
}
