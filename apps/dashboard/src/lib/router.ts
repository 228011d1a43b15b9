import { useEffect, useState } from 'react';

export const BASE = '/dashboard';

export type Route =
  | { page: 'national' }
  | { page: 'area'; code: string }
  | { page: 'activity'; kind: 'NETWORK' | 'ORGANISATION' | 'POLICE_FORCE_AREA' | 'NATIONAL'; target?: string }
  | { page: 'signIn' }
  | { page: 'forgotPassword' }
  | { page: 'acceptInvitation' }
  | { page: 'resetPassword' }
  | { page: 'confirmEmail' }
  | { page: 'preferences' }
  | { page: 'item'; kind: ItemKind; id: string }
  | { page: 'notFound' };

/** The pages of one item that notification emails link to: `/dashboard/<kind>/<uuid>`. */
export type ItemKind = 'events' | 'polls' | 'positions' | 'engagements';
const ITEM_KINDS: readonly ItemKind[] = ['events', 'polls', 'positions', 'engagements'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Pages of one segment, the ones behind the links in emails among them (their tokens: see link-token.ts). */
const SINGLE_PAGES: Record<string, Route> = {
  'sign-in': { page: 'signIn' },
  'forgot-password': { page: 'forgotPassword' },
  'accept-invitation': { page: 'acceptInvitation' },
  'reset-password': { page: 'resetPassword' },
  'confirm-email': { page: 'confirmEmail' },
  preferences: { page: 'preferences' },
};

export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) {
    return { page: 'national' };
  }
  if (parts[0] === 'areas' && parts.length === 2 && /^(E23|W15)\d{6}$/.test(parts[1] ?? '')) {
    return { page: 'area', code: parts[1] ?? '' };
  }
  if (parts[0] === 'activity' && parts.length === 1) {
    return { page: 'activity', kind: 'NATIONAL' };
  }
  if (parts[0] === 'activity' && parts.length === 3 && parts[2]) {
    const kind = { networks: 'NETWORK', organisations: 'ORGANISATION', areas: 'POLICE_FORCE_AREA' }[parts[1] ?? ''];
    if (kind === 'NETWORK' || kind === 'ORGANISATION' || kind === 'POLICE_FORCE_AREA') {
      return { page: 'activity', kind, target: parts[2] };
    }
  }
  const kind = ITEM_KINDS.find((k) => k === parts[0]);
  if (kind && parts.length === 2 && UUID.test(parts[1] ?? '')) {
    return { page: 'item', kind, id: (parts[1] ?? '').toLowerCase() };
  }
  const single =
    parts.length === 1 && Object.hasOwn(SINGLE_PAGES, parts[0] ?? '') ? SINGLE_PAGES[parts[0] ?? ''] : null;
  if (single) {
    return single;
  }
  return { page: 'notFound' };
}

export const paths = {
  national: (): string => `${BASE}/`,
  area: (code: string): string => `${BASE}/areas/${encodeURIComponent(code)}`,
  networkActivity: (id: string): string => `${BASE}/activity/networks/${encodeURIComponent(id)}`,
  organisationActivity: (id: string): string => `${BASE}/activity/organisations/${encodeURIComponent(id)}`,
  nationalActivity: (): string => `${BASE}/activity`,
  signIn: (): string => `${BASE}/sign-in`,
  forgotPassword: (): string => `${BASE}/forgot-password`,
  preferences: (): string => `${BASE}/preferences`,
  item: (kind: ItemKind, id: string): string => `${BASE}/${kind}/${encodeURIComponent(id)}`,
};

/** What a page tells the next one it navigates to ("your password is changed"), kept in the history entry. */
export interface Arrival {
  readonly notice: string;
  readonly email?: string;
  /** Where to go once signed in: a path of this page. */
  readonly next?: string;
}

export function navigate(to: string, state?: Arrival): void {
  window.history.pushState(state ?? null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}

/** Same-page navigation for plain links (modifier clicks still open a new tab). */
export function followLink(event: React.MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? paths.national());
}

/** What the page that navigated here wanted said (see navigate). */
export function arrival(): Arrival | null {
  const state: unknown = window.history.state;
  if (state && typeof state === 'object' && 'notice' in state && typeof state.notice === 'string') {
    const email = 'email' in state && typeof state.email === 'string' ? state.email : undefined;
    const next =
      'next' in state && typeof state.next === 'string' && /^\/dashboard\/[\w/-]*$/.test(state.next)
        ? state.next
        : undefined;
    return { notice: state.notice, email, next };
  }
  return null;
}
