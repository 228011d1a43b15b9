import { DEMO_LOGINS, DEMO_PASSWORD } from '@app/identity';
import type { TestApp } from './test-app';

export type Headers = Record<string, string>;
/** A demo login's role: `admin`, `coordinator`, `member`, `partner`. */
export type DemoRole = (typeof DEMO_LOGINS)[number]['key'];
/** The demo logins signed in: each role's request headers. */
export type DemoCast = Readonly<Record<DemoRole, Headers>>;

const SIGN_IN = 'mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }';

/** Signs in through the API and gives the headers to act as that person. */
export async function signIn(app: TestApp, email: string, password = DEMO_PASSWORD): Promise<Headers> {
  const { signIn: session } = await app.client.data<{ signIn: { accessToken: string } }>(SIGN_IN, {
    e: email,
    p: password,
  });
  return { authorization: `Bearer ${session.accessToken}` };
}

/** The access token in headers from `signIn` (for WebSocket connections and API calls that take one). */
export const accessTokenIn = (headers: Headers): string => (headers.authorization ?? '').replace(/^Bearer /, '');

/** A demo login's email by role. */
export const demoEmail = (role: DemoRole): string => DEMO_LOGINS.find((login) => login.key === role)?.email ?? '';

// One cast per app (each app has a database of its own), signed in on first use.
const casts = new WeakMap<TestApp, Promise<DemoCast>>();

/**
 * The demo logins signed in on `app`, once for the app however many tests and fixtures ask: the
 * cast a test file acts with. Tests that end a demo login's sessions sign that person in afresh.
 */
export function demoCast(app: TestApp): Promise<DemoCast> {
  let cast = casts.get(app);
  if (!cast) {
    cast = signInAll(app);
    casts.set(app, cast);
    cast.catch(() => casts.delete(app));
  }
  return cast;
}

async function signInAll(app: TestApp): Promise<DemoCast> {
  const cast: Partial<Record<DemoRole, Headers>> = {};
  for (const login of DEMO_LOGINS) {
    cast[login.key] = await signIn(app, login.email);
  }
  return cast as DemoCast;
}
