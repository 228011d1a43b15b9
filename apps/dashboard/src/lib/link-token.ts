// The secret of a link in an email (accept an invitation, reset a password, confirm a new address).
// The email carries it in the fragment (`/dashboard/reset-password#token=…`), which browsers never
// send to a server. On arrival it moves to this tab's session storage and leaves the address bar at
// once (history.replaceState), so it lingers in neither the history nor a bookmark; a reload of the
// page still finds it. It is sent only in the one mutation that uses it, and forgotten once used.

export type LinkPurpose = 'invitation' | 'passwordReset' | 'emailChange';

/** The dashboard's path (after /dashboard) for each kind of emailed link. */
export const LINK_PATHS: Record<LinkPurpose, string> = {
  invitation: '/accept-invitation',
  passwordReset: '/reset-password',
  emailChange: '/confirm-email',
};

/** The server's link tokens: base64url, 20–200 characters (anything else is not one of ours). */
const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;
const KEY = 'convene.link.';
const memory = new Map<LinkPurpose, string>(); // when session storage is refused
const listeners = new Set<() => void>();

export function linkPurposeOf(pathname: string): LinkPurpose | null {
  const path = pathname.replace(/^\/dashboard/, '').replace(/\/+$/, '');
  for (const [purpose, linkPath] of Object.entries(LINK_PATHS) as [LinkPurpose, string][]) {
    if (path === linkPath) {
      return purpose;
    }
  }
  return null;
}

/**
 * On an emailed link's page, takes `token` out of the fragment and the address bar. Returns true
 * when this page is such a page (a wall screen's `#token=` means nothing here).
 */
export function takeLinkTokenFromFragment(): boolean {
  const purpose = linkPurposeOf(window.location.pathname);
  if (!purpose) {
    return false;
  }
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token === null) {
    return true; // no link in the address (or the skip link's #main)
  }
  fragment.delete('token');
  const rest = fragment.toString();
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`,
  );
  // A malformed token is still a fresh arrival: it replaces what an earlier link left.
  store(purpose, token !== null && TOKEN.test(token) ? token : '');
  return true;
}

function store(purpose: LinkPurpose, token: string | null): void {
  if (token === null) {
    memory.delete(purpose);
  } else {
    memory.set(purpose, token);
  }
  try {
    if (token === null) {
      sessionStorage.removeItem(KEY + purpose);
    } else {
      sessionStorage.setItem(KEY + purpose, token);
    }
  } catch {
    // Private mode without storage: the token lasts until the tab reloads.
  }
  for (const listener of listeners) {
    listener();
  }
}

/**
 * The token this tab holds for a purpose: a string (empty when the link was malformed), or null
 * when the page was opened without one.
 */
export function linkToken(purpose: LinkPurpose): string | null {
  try {
    const stored = sessionStorage.getItem(KEY + purpose);
    if (stored !== null) {
      return stored;
    }
  } catch {
    // Fall back to memory below.
  }
  return memory.get(purpose) ?? null;
}

/** Used, or refused for good (unknown, used or expired): the tab keeps it no longer. */
export function forgetLinkToken(purpose: LinkPurpose): void {
  store(purpose, null);
}

export function onLinkTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
