import { useState } from 'react';
import { useMutation } from 'urql';
import { setCredentials } from '../lib/credentials';
import { SignInMutation } from '../lib/operations';
import { arrival, followLink, navigate, paths } from '../lib/router';

/** Sign in to see your networks' private items too (the API's session mutations). */
export function SignInPage(): React.JSX.Element {
  const [{ fetching, error }, signIn] = useMutation(SignInMutation);
  // After a password reset: say so, and keep the address the reset was for.
  const [came] = useState(arrival);
  const [email, setEmail] = useState(came?.email ?? '');
  const [password, setPassword] = useState('');
  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await signIn({ email, password });
    const session = result.data?.signIn;
    if (session) {
      setCredentials({
        kind: 'session',
        accessToken: session.accessToken,
        accessTokenExpiresAt: session.accessTokenExpiresAt,
        refreshToken: session.refreshToken,
        displayName: session.person.displayName,
      });
      navigate(came?.next ?? paths.national());
    }
  };
  return (
    <>
      <h1>Sign in</h1>
      {came ? (
        <p role="status" className="notice">
          {came.notice}
        </p>
      ) : null}
      <p>Signed in, the feeds also show your networks' and organisations' private items.</p>
      <form className="sign-in" onSubmit={(event) => void submit(event)}>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" disabled={fetching}>
          Sign in
        </button>
        {error ? (
          <p role="alert">{error.graphQLErrors[0]?.message ?? 'The server could not be reached: try again.'}</p>
        ) : null}
        <p className="small">
          <a href={paths.forgotPassword()} onClick={followLink}>
            Forgotten your password?
          </a>
        </p>
      </form>
      <p className="muted small">
        For a wall screen, open <code>/dashboard/#token=cvn_…</code> with a read-only API token instead: the token stays
        in this tab and never goes into an address the server sees.
      </p>
    </>
  );
}
