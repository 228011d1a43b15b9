// Who the dashboard acts as: nobody (public data), a signed-in person (access + refresh token),
// or a wall screen's read-only API token. Kept in session storage: a tab's own, gone when it closes.

export type Credentials =
  | { kind: 'anonymous' }
  | { kind: 'session'; accessToken: string; accessTokenExpiresAt: string; refreshToken: string; displayName: string }
  | { kind: 'apiToken'; token: string };

const KEY = 'convene.credentials';
const listeners = new Set<() => void>();
let current: Credentials = read();

function read(): Credentials {
  try {
    const stored = sessionStorage.getItem(KEY);
    const parsed = stored ? (JSON.parse(stored) as Credentials) : null;
    if (parsed && (parsed.kind === 'session' || parsed.kind === 'apiToken')) {
      return parsed;
    }
  } catch {
    // Storage refused or garbled: start signed out.
  }
  return { kind: 'anonymous' };
}

export function credentials(): Credentials {
  return current;
}

export function setCredentials(next: Credentials): void {
  current = next;
  try {
    if (next.kind === 'anonymous') {
      sessionStorage.removeItem(KEY);
      forgetPrivateFeeds();
    } else {
      sessionStorage.setItem(KEY, JSON.stringify(next));
    }
  } catch {
    // Private mode without storage: the credentials last until the tab reloads.
  }
  for (const listener of listeners) {
    listener();
  }
}

/** Signed out: the feeds kept for a person or a token (private items among them) leave the tab too. */
function forgetPrivateFeeds(): void {
  for (let i = sessionStorage.length - 1; i >= 0; i -= 1) {
    const key = sessionStorage.key(i);
    if (key?.startsWith('convene.activity.') && !key.startsWith('convene.activity.public.')) {
      sessionStorage.removeItem(key);
    }
  }
}

export function onCredentialsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A wall screen opens `/dashboard/#token=cvn_…`: the fragment never reaches a server (nor its
 * logs). The token moves to session storage and leaves the address bar at once.
 */
export function takeTokenFromFragment(): void {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token === null) {
    return;
  }
  fragment.delete('token');
  const rest = fragment.toString();
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`,
  );
  if (/^cvn_[A-Za-z0-9_-]{10,200}$/.test(token)) {
    setCredentials({ kind: 'apiToken', token });
  }
}
