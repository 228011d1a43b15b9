// The pages behind the links in emails: accept an invitation, reset a password, confirm a new
// address (and ask for a reset link). Loaded on demand: the coverage map never carries them.
// Each link's token comes from lib/link-token.ts, goes only into the mutation that uses it, and
// is forgotten once used or refused for good.
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { type CombinedError, useMutation } from 'urql';
import { credentials, type Credentials, onCredentialsChange, setCredentials } from '../lib/credentials';
import { forgetLinkToken, type LinkPurpose, linkToken, onLinkTokenChange } from '../lib/link-token';
import {
  AcceptInvitationMutation,
  ConfirmEmailChangeMutation,
  RequestPasswordResetMutation,
  ResetPasswordMutation,
  SignInMutation,
  SignOutMutation,
} from '../lib/operations';
import { followLink, navigate, paths } from '../lib/router';

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** The server's rules for a password (class-validator's Length(12, 200), counted as it counts). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** Characters as validator.js counts them: a surrogate pair or a variation selector is not one more. */
function validatorLength(value: string): number {
  const pairs = value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0;
  const selectors = value.match(/[\uFE0E\uFE0F]/g)?.length ?? 0;
  return value.length - pairs - selectors;
}

export function passwordProblem(password: string): string | null {
  const length = validatorLength(password);
  if (length < PASSWORD_MIN) {
    return `Use at least ${PASSWORD_MIN} characters (${length} so far).`;
  }
  if (length > PASSWORD_MAX) {
    return `Use at most ${PASSWORD_MAX} characters.`;
  }
  return null;
}

/** What the API said, by its stable code and reason (never by its message text). */
interface Refusal {
  readonly code: string | null;
  readonly reason: string | null;
  readonly message: string;
  readonly fields: readonly { field: string; message: string }[];
}

function refusalOf(error: CombinedError | undefined): Refusal | null {
  if (!error) {
    return null;
  }
  const first = error.graphQLErrors[0];
  if (!first) {
    return { code: null, reason: null, message: 'The server could not be reached: try again.', fields: [] };
  }
  const { code, reason, fields } = first.extensions as { code?: unknown; reason?: unknown; fields?: unknown };
  return {
    code: typeof code === 'string' ? code : null,
    reason: typeof reason === 'string' ? reason : null,
    message: first.message,
    fields: Array.isArray(fields)
      ? (fields as unknown[]).filter(
          (f): f is { field: string; message: string } =>
            typeof f === 'object' && f !== null && 'field' in f && typeof f.field === 'string',
        )
      : [],
  };
}

function fieldMessage(refusal: Refusal | null, field: string): string | null {
  return refusal?.fields.find((f) => f.field === field)?.message ?? null;
}

function useLinkToken(purpose: LinkPurpose): string | null {
  return useSyncExternalStore(onLinkTokenChange, () => linkToken(purpose));
}

function useWho(): Credentials {
  return useSyncExternalStore(onCredentialsChange, credentials);
}

/** A heading that takes the focus when it appears: each new step is announced and read first. */
function StepHeading({ children, level = 2 }: { children: React.ReactNode; level?: 1 | 2 }): React.JSX.Element {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const Tag = level === 1 ? 'h1' : 'h2';
  return (
    <Tag ref={ref} tabIndex={-1} className="step-heading">
      {children}
    </Tag>
  );
}

/** A labelled input with its hint and its error, tied together for assistive technology. */
function Field(props: {
  label: string;
  type: 'email' | 'password' | 'text';
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
  error?: string | null;
  hint?: string;
  required?: boolean;
  maxLength?: number;
}): React.JSX.Element {
  const id = useId();
  const described = [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <span id={`${id}-hint`} className="hint">
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span id={`${id}-error`} className="field-error">
          {props.error}
        </span>
      ) : null}
      <input
        id={id}
        type={props.type}
        autoComplete={props.autoComplete}
        required={props.required ?? true}
        maxLength={props.maxLength}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

/** An error said at once to screen readers, and shown by the form. */
function Alert({ children }: { children: React.ReactNode }): React.JSX.Element {
  return (
    <p role="alert" className="form-error">
      {children}
    </p>
  );
}

function Back(): React.JSX.Element {
  return (
    <p>
      <a href={paths.national()} onClick={followLink}>
        Go to the coverage map
      </a>
    </p>
  );
}

function NoLink({ what, again }: { what: string; again?: React.ReactNode }): React.JSX.Element {
  return (
    <>
      <StepHeading>There is no {what} link here</StepHeading>
      <p>
        This page opens from the link in an email. The link may have been cut short, or already used in this tab: open
        it from the email again.
      </p>
      {again}
      <Back />
    </>
  );
}

function signedInWith(session: {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  person: { displayName: string };
}): void {
  setCredentials({
    kind: 'session',
    accessToken: session.accessToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt,
    refreshToken: session.refreshToken,
    displayName: session.person.displayName,
  });
}

// ---------------------------------------------------------------------------------------------
// Accept an invitation

type AcceptStep =
  | { kind: 'checking' }
  | { kind: 'confirm' } // signed in: accept as this account?
  | { kind: 'signIn'; message: string } // the invited address has an account
  | { kind: 'createAccount' } // the invited address has none: the invitation creates it
  | { kind: 'wrongAccount'; message: string; newAccount: boolean }
  | { kind: 'accepted'; organisationId: string; organisationName: string; role: string; created: boolean }
  | { kind: 'invalid' }
  | { kind: 'unreachable'; message: string };

const ROLE_WORDS: Record<string, string> = { ORG_ADMIN: 'an admin', STAFF: 'staff' };

export function AcceptInvitationPage(): React.JSX.Element {
  const token = useLinkToken('invitation');
  const who = useWho();
  const [step, setStep] = useState<AcceptStep>(() =>
    credentials().kind === 'session' ? { kind: 'confirm' } : { kind: 'checking' },
  );
  const [{ fetching }, accept] = useMutation(AcceptInvitationMutation);
  const [, signOut] = useMutation(SignOutMutation);
  const probed = useRef(false);

  /** Sends the token (with a new account's details when given) and moves to the step the answer means. */
  const run = async (account?: { displayName: string; password: string }): Promise<Refusal | null> => {
    if (!token) {
      return null;
    }
    const result = await accept({ token, displayName: account?.displayName, password: account?.password });
    const accepted = result.data?.acceptInvitation;
    if (accepted) {
      forgetLinkToken('invitation');
      if (accepted.session) {
        signedInWith(accepted.session);
      }
      setStep({
        kind: 'accepted',
        organisationId: accepted.organisation.id,
        organisationName: accepted.organisation.name,
        role: ROLE_WORDS[accepted.role] ?? accepted.role,
        created: Boolean(accepted.session),
      });
      return null;
    }
    const refusal = refusalOf(result.error) ?? {
      code: null,
      reason: null,
      message: 'No answer: try again.',
      fields: [],
    };
    const signedIn = credentials().kind === 'session';
    switch (refusal.reason ?? '') {
      case 'INVITATION_INVALID':
        forgetLinkToken('invitation');
        setStep({ kind: 'invalid' });
        return null;
      case 'INVITEE_MUST_SIGN_IN':
        setStep(
          signedIn
            ? { kind: 'wrongAccount', message: refusal.message, newAccount: false }
            : { kind: 'signIn', message: refusal.message },
        );
        return null;
      case 'INVITATION_FOR_ANOTHER_EMAIL':
        setStep({ kind: 'wrongAccount', message: refusal.message, newAccount: true });
        return null;
      case 'INVALID_INPUT':
        if (account) {
          return refusal; // the new account's details: shown by its form
        }
        if (refusal.fields.some((f) => f.field === 'input.displayName' || f.field === 'input.password')) {
          setStep({ kind: 'createAccount' }); // no account yet: the invitation makes one
        } else {
          setStep({ kind: 'unreachable', message: refusal.message });
        }
        return null;
      default:
        if (account && refusal.code !== null) {
          return refusal;
        }
        setStep({ kind: 'unreachable', message: refusal.message });
        return null;
    }
  };

  // Signed out, the page asks straight away what the invitation needs (nothing is accepted
  // without an account's password or a signed-in owner): a new account, a sign-in, or nothing
  // more because the link is spent.
  useEffect(() => {
    if (token && step.kind === 'checking' && !probed.current) {
      probed.current = true;
      void run();
    }
  });

  // Once used or refused the token is forgotten: the outcome stays on screen.
  if (token === '' || (token === null && step.kind !== 'accepted' && step.kind !== 'invalid')) {
    return (
      <>
        <h1>Accept an invitation</h1>
        {token === '' ? <Invalid /> : <NoLink what="invitation" />}
      </>
    );
  }
  const signOutThen = async (next: AcceptStep): Promise<void> => {
    const now = credentials();
    if (now.kind === 'session') {
      await signOut({ refreshToken: now.refreshToken });
    }
    setCredentials({ kind: 'anonymous' });
    probed.current = false;
    setStep(next);
  };
  return (
    <>
      <h1>Accept an invitation</h1>
      {(() => {
        switch (step.kind) {
          case 'checking':
            return (
              <p role="status" aria-busy="true">
                Checking the invitation…
              </p>
            );
          case 'confirm':
            return (
              <>
                <StepHeading>Join as {who.kind === 'session' ? who.displayName : 'yourself'}?</StepHeading>
                <p>Accepting adds the organisation that invited you to your account.</p>
                <div className="actions">
                  <button type="button" className="primary" disabled={fetching} onClick={() => void run()}>
                    Accept the invitation
                  </button>
                  <button type="button" onClick={() => void signOutThen({ kind: 'checking' })}>
                    Not you? Sign out
                  </button>
                </div>
              </>
            );
          case 'signIn':
            return <InviteeSignIn message={step.message} onSignedIn={() => void run()} accepting={fetching} />;
          case 'createAccount':
            return <CreateAccount onSubmit={run} />;
          case 'wrongAccount':
            return (
              <>
                <StepHeading>This invitation is for another account</StepHeading>
                <Alert>
                  {step.newAccount
                    ? 'It was sent to an address that has no account yet: accepting it creates that account.'
                    : step.message}
                </Alert>
                <p>You are signed in as {who.kind === 'session' ? who.displayName : 'someone else'}.</p>
                <button type="button" onClick={() => void signOutThen({ kind: 'checking' })}>
                  {step.newAccount
                    ? 'Sign out to create the new account'
                    : 'Sign out to sign in as the invited account'}
                </button>
              </>
            );
          case 'accepted':
            return <Accepted step={step} />;
          case 'invalid':
            return <Invalid />;
          case 'unreachable':
            return (
              <>
                <Alert>{step.message}</Alert>
                <button
                  type="button"
                  onClick={() => {
                    probed.current = false;
                    setStep(credentials().kind === 'session' ? { kind: 'confirm' } : { kind: 'checking' });
                  }}
                >
                  Try again
                </button>
              </>
            );
        }
      })()}
    </>
  );
}

function Accepted({ step }: { step: Extract<AcceptStep, { kind: 'accepted' }> }): React.JSX.Element {
  return (
    <>
      <StepHeading>You joined {step.organisationName}</StepHeading>
      <p role="status">
        {step.created ? 'Your account is created and you are signed in. ' : ''}You are {step.role} of{' '}
        {step.organisationName}.
      </p>
      <p>
        <a href={paths.organisationActivity(step.organisationId)} onClick={followLink}>
          See {step.organisationName}’s activity
        </a>
      </p>
      <Back />
    </>
  );
}

function Invalid(): React.JSX.Element {
  return (
    <>
      <StepHeading>This invitation link no longer works</StepHeading>
      <Alert>
        The invitation is unknown, already used or expired (an invitation works once, for seven days). Ask the
        organisation’s admin to invite you again.
      </Alert>
      <Back />
    </>
  );
}

function InviteeSignIn(props: { message: string; onSignedIn: () => void; accepting: boolean }): React.JSX.Element {
  const [{ fetching, error }, signIn] = useMutation(SignInMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await signIn({ email, password });
    if (result.data?.signIn) {
      signedInWith(result.data.signIn);
      props.onSignedIn();
    }
  };
  return (
    <>
      <StepHeading>Sign in to accept</StepHeading>
      <p>{props.message}.</p>
      <form className="sign-in" onSubmit={(event) => void submit(event)} noValidate>
        <Field label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        {error ? <Alert>{refusalOf(error)?.message}</Alert> : null}
        <button type="submit" className="primary" disabled={fetching || props.accepting}>
          Sign in and accept
        </button>
        <p className="small">
          <a href={paths.forgotPassword()} onClick={followLink}>
            Forgotten your password?
          </a>{' '}
          (Come back to the invitation’s link afterwards: it works until it is used.)
        </p>
      </form>
    </>
  );
}

function CreateAccount(props: {
  onSubmit: (account: { displayName: string; password: string }) => Promise<Refusal | null>;
}): React.JSX.Element {
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const nameProblem =
    displayName.trim().length < 2
      ? 'Give your name (at least 2 characters).'
      : displayName.trim().length > 100
        ? 'Use at most 100 characters.'
        : null;
  const problems = {
    displayName: nameProblem ?? fieldMessage(refusal, 'input.displayName'),
    password: passwordProblem(password) ?? fieldMessage(refusal, 'input.password'),
    repeat: repeat !== password ? 'The two passwords differ.' : null,
  };
  const invalid = Object.values(problems).some(Boolean);
  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    setRefusal(null);
    if (nameProblem || passwordProblem(password) || repeat !== password) {
      return;
    }
    setBusy(true);
    try {
      setRefusal(await props.onSubmit({ displayName: displayName.trim(), password }));
    } finally {
      setBusy(false);
    }
  };
  const shown = (problem: string | null): string | null => (checked ? problem : null);
  return (
    <>
      <StepHeading>Create your account to accept</StepHeading>
      <p>
        The invitation was sent to an address with no Convene account yet: accepting it creates one for that address.
      </p>
      <form className="sign-in" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Your name"
          type="text"
          autoComplete="name"
          value={displayName}
          onChange={setDisplayName}
          error={shown(problems.displayName)}
          maxLength={100}
        />
        <NewPasswordFields
          password={password}
          repeat={repeat}
          setPassword={setPassword}
          setRepeat={setRepeat}
          errors={{ password: shown(problems.password), repeat: shown(problems.repeat) }}
        />
        {checked && invalid ? <Alert>Check the fields marked above.</Alert> : null}
        {refusal && !refusal.fields.length ? <Alert>{refusal.message}</Alert> : null}
        <button type="submit" className="primary" disabled={busy}>
          Create the account and accept
        </button>
      </form>
    </>
  );
}

function NewPasswordFields(props: {
  password: string;
  repeat: string;
  setPassword: (value: string) => void;
  setRepeat: (value: string) => void;
  errors: { password: string | null; repeat: string | null };
}): React.JSX.Element {
  return (
    <>
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        value={props.password}
        onChange={props.setPassword}
        hint={`At least ${PASSWORD_MIN} characters; a few unrelated words make a good one.`}
        error={props.errors.password}
      />
      <Field
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        value={props.repeat}
        onChange={props.setRepeat}
        error={props.errors.repeat}
      />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Reset a password

export function ResetPasswordPage(): React.JSX.Element {
  const token = useLinkToken('passwordReset');
  const [{ fetching }, reset] = useMutation(ResetPasswordMutation);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [spent, setSpent] = useState(token === '');
  const again = (
    <p>
      <a href={paths.forgotPassword()} onClick={followLink}>
        Ask for a new reset link
      </a>
    </p>
  );
  if (token === null && !spent) {
    return (
      <>
        <h1>Choose a new password</h1>
        <NoLink what="password reset" again={again} />
      </>
    );
  }
  if (spent || !token) {
    return (
      <>
        <h1>Choose a new password</h1>
        <StepHeading>This reset link no longer works</StepHeading>
        <Alert>The link is unknown, already used or expired: a reset link works once, for an hour.</Alert>
        {again}
      </>
    );
  }
  const problems = {
    password: passwordProblem(password) ?? fieldMessage(refusal, 'input.password'),
    repeat: repeat !== password ? 'The two passwords differ.' : null,
  };
  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    setRefusal(null);
    if (passwordProblem(password) || repeat !== password) {
      return;
    }
    const result = await reset({ token, password });
    const person = result.data?.resetPassword.person;
    if (person) {
      forgetLinkToken('passwordReset');
      // Every session of the account has ended, this tab's too if it was theirs.
      if (credentials().kind === 'session') {
        setCredentials({ kind: 'anonymous' });
      }
      navigate(paths.signIn(), { notice: 'Your password is changed: sign in with the new one.', email: person.email });
      return;
    }
    const answer = refusalOf(result.error);
    if (answer?.reason === 'RESET_TOKEN_INVALID') {
      forgetLinkToken('passwordReset');
      setSpent(true);
      return;
    }
    setRefusal(answer);
  };
  const shown = (problem: string | null): string | null => (checked ? problem : null);
  return (
    <>
      <h1>Choose a new password</h1>
      <p>Setting a new password signs your account out everywhere; you then sign in with it.</p>
      <form className="sign-in" onSubmit={(event) => void submit(event)} noValidate>
        <NewPasswordFields
          password={password}
          repeat={repeat}
          setPassword={setPassword}
          setRepeat={setRepeat}
          errors={{ password: shown(problems.password), repeat: shown(problems.repeat) }}
        />
        {checked && (problems.password || problems.repeat) ? <Alert>Check the fields marked above.</Alert> : null}
        {refusal && !refusal.fields.length ? <Alert>{refusal.message}</Alert> : null}
        <button type="submit" className="primary" disabled={fetching}>
          Set the new password
        </button>
      </form>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Confirm a new email address

type ConfirmStep = { kind: 'ready' } | { kind: 'confirmed'; email: string } | { kind: 'refused'; taken: boolean };

export function ConfirmEmailPage(): React.JSX.Element {
  const token = useLinkToken('emailChange');
  const who = useWho();
  const [{ fetching }, confirm] = useMutation(ConfirmEmailChangeMutation);
  const [step, setStep] = useState<ConfirmStep>(() =>
    token === '' ? { kind: 'refused', taken: false } : { kind: 'ready' },
  );
  const [trouble, setTrouble] = useState<string | null>(null);
  const run = async (): Promise<void> => {
    if (!token) {
      return;
    }
    setTrouble(null);
    const result = await confirm({ token });
    const person = result.data?.confirmEmailChange.person;
    if (person) {
      forgetLinkToken('emailChange');
      setStep({ kind: 'confirmed', email: person.email });
      return;
    }
    const refusal = refusalOf(result.error);
    if (refusal?.reason === 'EMAIL_LINK_INVALID' || refusal?.reason === 'EMAIL_TAKEN') {
      forgetLinkToken('emailChange');
      setStep({ kind: 'refused', taken: refusal.reason === 'EMAIL_TAKEN' });
      return;
    }
    setTrouble(refusal?.message ?? 'Something went wrong: try again.');
  };
  const body = ((): React.JSX.Element => {
    switch (step.kind) {
      case 'confirmed':
        return (
          <>
            <StepHeading>Your new address is confirmed</StepHeading>
            <p role="status">
              Your account’s address is now <strong data-testid="confirmed-email">{step.email}</strong>: sign in with it
              from now on.
            </p>
            {who.kind === 'session' ? (
              <Back />
            ) : (
              <p>
                <a href={paths.signIn()} onClick={followLink}>
                  Sign in
                </a>
              </p>
            )}
          </>
        );
      case 'refused':
        return (
          <>
            <StepHeading>The address was not changed</StepHeading>
            <Alert>
              {step.taken
                ? 'Another account took this address meanwhile: your account keeps its old address.'
                : 'The link is unknown, already used or expired (it works once, for an hour): your account keeps its old address. Ask for the change again from your account.'}
            </Alert>
            <Back />
          </>
        );
      case 'ready':
        if (token === null) {
          return <NoLink what="confirmation" />;
        }
        return (
          <>
            <p>Confirm that the address this link was sent to becomes your account’s address.</p>
            {trouble ? <Alert>{trouble}</Alert> : null}
            <button type="button" className="primary" disabled={fetching} onClick={() => void run()}>
              Confirm the new address
            </button>
          </>
        );
    }
  })();
  return (
    <>
      <h1>Confirm your new email address</h1>
      {body}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Ask for a reset link

export function ForgotPasswordPage(): React.JSX.Element {
  const [{ fetching, data, error }, request] = useMutation(RequestPasswordResetMutation);
  const [email, setEmail] = useState('');
  const [checked, setChecked] = useState(false);
  const problem = /^[^\s@]+@[^\s@]+$/.test(email.trim()) ? null : 'Give the email address of your account.';
  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    if (!problem) {
      await request({ email: email.trim() });
    }
  };
  if (data?.requestPasswordReset.requested) {
    return (
      <>
        <h1>Reset your password</h1>
        <StepHeading>Check your email</StepHeading>
        <p role="status">
          If an account uses {email.trim()}, a reset link is on its way to it. The link works once, for an hour.
        </p>
        <Back />
      </>
    );
  }
  return (
    <>
      <h1>Reset your password</h1>
      <p>We email a link to choose a new password to the address of your account.</p>
      <form className="sign-in" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={checked ? (problem ?? fieldMessage(refusalOf(error), 'input.email')) : null}
          maxLength={320}
        />
        {error && !refusalOf(error)?.fields.length ? <Alert>{refusalOf(error)?.message}</Alert> : null}
        {checked && problem ? <Alert>Check the field marked above.</Alert> : null}
        <button type="submit" className="primary" disabled={fetching}>
          Email me a reset link
        </button>
      </form>
    </>
  );
}
