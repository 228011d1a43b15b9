import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Provider, useMutation } from 'urql';
import { StatusPatterns } from './components/patterns';
import { createApiClient } from './lib/client';
import { credentials, type Credentials, onCredentialsChange, setCredentials } from './lib/credentials';
import { SignOutMutation } from './lib/operations';
import { followLink, paths, type Route, useRoute } from './lib/router';
import { ActivityPage } from './pages/activity-page';
import { AreaPage } from './pages/area-page';
import { NationalPage } from './pages/national-page';
import { SignInPage } from './pages/sign-in-page';

// The pages behind emailed links, on demand: one chunk the coverage map never loads.
const linkPages = (): Promise<typeof import('./pages/emailed-link-pages')> => import('./pages/emailed-link-pages');
const AcceptInvitationPage = lazy(() => linkPages().then((m) => ({ default: m.AcceptInvitationPage })));
const ResetPasswordPage = lazy(() => linkPages().then((m) => ({ default: m.ResetPasswordPage })));
const ConfirmEmailPage = lazy(() => linkPages().then((m) => ({ default: m.ConfirmEmailPage })));
const ForgotPasswordPage = lazy(() => linkPages().then((m) => ({ default: m.ForgotPasswordPage })));
// The pages of one event, poll, draft or engagement (notification emails link to them): one chunk.
const ItemPage = lazy(() => import('./pages/item-pages').then((m) => ({ default: m.ItemPage })));
const NotificationPreferencesPage = lazy(() =>
  import('./pages/notification-preferences-page').then((m) => ({ default: m.NotificationPreferencesPage })),
);

export function App(): React.JSX.Element {
  const route = useRoute();
  const [who, setWho] = useState<Credentials>(credentials);
  useEffect(() => onCredentialsChange(() => setWho(credentials())), []);
  // A new identity gets a new client: its own cache and a socket opened with its credentials.
  const identity =
    who.kind === 'session' ? `session:${who.displayName}` : who.kind === 'apiToken' ? `token:${who.token}` : 'public';
  const client = useMemo(() => createApiClient(), [identity]);
  useEffect(() => {
    document.title = `${titleOf(route)} · Convene`;
  }, [route]);
  return (
    <Provider value={client}>
      <svg className="pattern-defs" aria-hidden="true" focusable="false" width="0" height="0">
        <StatusPatterns />
      </svg>
      <a href="#main" className="skip-link">
        Skip to the content
      </a>
      <header className="site-header">
        <a href={paths.national()} onClick={followLink} className="brand">
          Convene coverage
        </a>
        <nav aria-label="Main">
          <a href={paths.national()} onClick={followLink}>
            Map
          </a>
          <a href={paths.nationalActivity()} onClick={followLink}>
            Activity
          </a>
          <Account who={who} />
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer className="site-footer">
        Hex layout © Open Innovations (MIT). Boundaries: Source: Office for National Statistics licensed under the Open
        Government Licence v.3.0; contains OS data © Crown copyright and database right.
      </footer>
    </Provider>
  );
}

function Page({ route }: { route: Route }): React.JSX.Element {
  switch (route.page) {
    case 'national':
      return <NationalPage />;
    case 'area':
      return <AreaPage key={route.code} code={route.code} />;
    case 'activity':
      return <ActivityPage key={`${route.kind}:${route.target ?? ''}`} kind={route.kind} target={route.target} />;
    case 'signIn':
      return <SignInPage />;
    case 'forgotPassword':
      return <Lazy page={<ForgotPasswordPage />} />;
    case 'acceptInvitation':
      return <Lazy page={<AcceptInvitationPage />} />;
    case 'resetPassword':
      return <Lazy page={<ResetPasswordPage />} />;
    case 'confirmEmail':
      return <Lazy page={<ConfirmEmailPage />} />;
    case 'preferences':
      return <Lazy page={<NotificationPreferencesPage />} />;
    case 'item':
      return <Lazy page={<ItemPage key={`${route.kind}:${route.id}`} kind={route.kind} id={route.id} />} />;
    case 'notFound':
      return (
        <>
          <h1>Page not found</h1>
          <p>
            <a href={paths.national()} onClick={followLink}>
              Back to the coverage map
            </a>
          </p>
        </>
      );
  }
}

function Lazy({ page }: { page: React.JSX.Element }): React.JSX.Element {
  return <Suspense fallback={<p role="status">Loading the page…</p>}>{page}</Suspense>;
}

const ITEM_TITLES = { events: 'Event', polls: 'Scheduling poll', positions: 'Draft', engagements: 'Engagement' };

function titleOf(route: Route): string {
  switch (route.page) {
    case 'national':
      return 'Coverage';
    case 'area':
      return `Area ${route.code}`;
    case 'activity':
      return 'Activity';
    case 'signIn':
      return 'Sign in';
    case 'forgotPassword':
      return 'Reset your password';
    case 'acceptInvitation':
      return 'Accept an invitation';
    case 'resetPassword':
      return 'Choose a new password';
    case 'confirmEmail':
      return 'Confirm your new email address';
    case 'preferences':
      return 'Email settings';
    case 'item':
      return ITEM_TITLES[route.kind];
    case 'notFound':
      return 'Not found';
  }
}

function Account({ who }: { who: Credentials }): React.JSX.Element {
  const [, signOut] = useMutation(SignOutMutation);
  switch (who.kind) {
    case 'anonymous':
      return (
        <a href={paths.signIn()} onClick={followLink}>
          Sign in
        </a>
      );
    case 'apiToken':
      return (
        <span className="account">
          Wall screen (read-only token){' '}
          <button type="button" onClick={() => setCredentials({ kind: 'anonymous' })}>
            Forget the token
          </button>
        </span>
      );
    case 'session':
      return (
        <span className="account">
          Signed in as {who.displayName}{' '}
          <a href={paths.preferences()} onClick={followLink}>
            Email settings
          </a>{' '}
          <button
            type="button"
            onClick={() => {
              void signOut({ refreshToken: who.refreshToken }).finally(() => setCredentials({ kind: 'anonymous' }));
            }}
          >
            Sign out
          </button>
        </span>
      );
  }
}
