// What a person receives by email, and when: the page every categorised email's footer links to
// (`/dashboard/preferences`). Loaded on demand. Needs a signed-in person (a wall screen's token
// has no inbox).
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useMutation, useQuery } from 'urql';
import type { NotificationCategory, NotificationFrequency } from '../gql/graphql';
import { credentials, onCredentialsChange } from '../lib/credentials';
import { NotificationPreferencesQuery, UpdateNotificationPreferencesMutation } from '../lib/operations';
import { followLink, navigate, paths } from '../lib/router';

const CATEGORY_WORDS: Partial<Record<NotificationCategory, { label: string; about: string }>> = {
  NETWORK_MEMBERSHIP: {
    label: 'Network invitations and requests',
    about: 'Invitations and requests to join your networks, to those who answer them, and the answers.',
  },
  EVENT_REMINDER: { label: 'Event reminders', about: 'A reminder before an event you said you would go to.' },
  EVENT_CHANGE: {
    label: 'Event changes',
    about: 'Reschedules and cancellations of events you answered, and a place freed from the waitlist.',
  },
  DRAFTING: { label: 'Drafting', about: 'Drafts opened for sign-on, submissions and the commissioner’s response.' },
  COMMITMENTS: { label: 'Commitments', about: 'Commitments of the PCC’s office due within 7 days or overdue.' },
  NETWORK_ACTIVITY: {
    label: 'Other activity',
    about: 'Everything else you may see in your networks and areas.',
  },
  ORGANISATION_ADMIN: {
    label: 'Notices to admins',
    about: 'Your organisation’s integrations, such as a webhook endpoint that was disabled.',
  },
};
/** Sent at once whatever one chooses: they carry a link needed now. */
const FIXED: ReadonlySet<NotificationCategory> = new Set<NotificationCategory>(['ACCOUNT', 'ORGANISATION_INVITATION']);
const FREQUENCIES: { value: NotificationFrequency; label: string }[] = [
  { value: 'IMMEDIATELY', label: 'At once' },
  { value: 'DAILY', label: 'In the daily digest' },
  { value: 'OFF', label: 'Never' },
];

const humanise = (value: string): string => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

export function NotificationPreferencesPage(): React.JSX.Element {
  const who = useSyncExternalStore(onCredentialsChange, credentials);
  if (who.kind !== 'session') {
    return (
      <>
        <h1>Email settings</h1>
        <p>Sign in to choose which emails you receive, and when.</p>
        <p>
          <a
            href={paths.signIn()}
            onClick={(event) => {
              event.preventDefault();
              navigate(paths.signIn(), {
                notice: 'Sign in to choose which emails you receive.',
                next: paths.preferences(),
              });
            }}
          >
            Sign in
          </a>
        </p>
      </>
    );
  }
  return <Preferences />;
}

function Preferences(): React.JSX.Element {
  const [{ data, fetching, error }] = useQuery({ query: NotificationPreferencesQuery, requestPolicy: 'network-only' });
  const [saving, save] = useMutation(UpdateNotificationPreferencesMutation);
  const [choices, setChoices] = useState<Map<NotificationCategory, NotificationFrequency> | null>(null);
  const [digestHour, setDigestHour] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const loaded = data?.me?.notificationPreferences;
  useEffect(() => {
    if (loaded && choices === null) {
      setChoices(new Map(loaded.preferences.map((p) => [p.category, p.frequency])));
      setDigestHour(loaded.digestHour);
    }
  }, [loaded, choices]);
  if (error) {
    return (
      <>
        <h1>Email settings</h1>
        <p role="alert" className="form-error">
          {error.graphQLErrors[0]?.message ?? 'The server could not be reached: try again.'}
        </p>
      </>
    );
  }
  if (fetching || !loaded || !choices || digestHour === null) {
    return (
      <>
        <h1>Email settings</h1>
        <p role="status">Loading your settings…</p>
      </>
    );
  }
  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    setSaved(false);
    const result = await save({
      input: {
        digestHour,
        preferences: [...choices]
          .filter(([category]) => !FIXED.has(category))
          .map(([category, frequency]) => ({ category, frequency })),
      },
    });
    if (result.data) {
      setSaved(true);
    }
  };
  return (
    <>
      <h1>Email settings</h1>
      <p>
        Emails go to <strong>{data?.me?.email}</strong>. Invitations, password resets and address confirmations are
        always sent at once.
      </p>
      <form className="preferences" onSubmit={(event) => void submit(event)}>
        {[...choices].map(([category, frequency]) => {
          const words = CATEGORY_WORDS[category] ?? { label: humanise(category), about: '' };
          if (FIXED.has(category)) {
            return null;
          }
          return (
            <fieldset
              key={category}
              data-category={category}
              aria-describedby={words.about ? `about-${category}` : undefined}
            >
              <legend>{words.label}</legend>
              {words.about ? (
                <p id={`about-${category}`} className="hint">
                  {words.about}
                </p>
              ) : null}
              <div className="choices">
                {FREQUENCIES.map((option) => (
                  <label key={option.value}>
                    <input
                      type="radio"
                      name={category}
                      value={option.value}
                      checked={frequency === option.value}
                      onChange={() => {
                        setSaved(false);
                        setChoices(new Map(choices).set(category, option.value));
                      }}
                    />{' '}
                    {option.label}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        <div className="field">
          <label htmlFor="digest-hour">Daily digest at (UK time)</label>
          <select
            id="digest-hour"
            value={digestHour}
            onChange={(e) => {
              setSaved(false);
              setDigestHour(Number(e.target.value));
            }}
          >
            {Array.from({ length: 24 }, (_, hour) => (
              <option key={hour} value={hour}>
                {hourLabel(hour)}
              </option>
            ))}
          </select>
        </div>
        {saving.error ? (
          <p role="alert" className="form-error">
            {saving.error.graphQLErrors[0]?.message ?? 'The server could not be reached: try again.'}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={saving.fetching}>
            Save
          </button>
          <p role="status" className="saved">
            {saved ? 'Saved.' : ''}
          </p>
        </div>
      </form>
      <p>
        <a href={paths.national()} onClick={followLink}>
          Go to the coverage map
        </a>
      </p>
    </>
  );
}
