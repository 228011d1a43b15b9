// The pages of one item that notification emails link to: an event (answer for your
// organisation), a scheduling poll (answer for your organisation), a draft joint position
// (read-only) and an engagement with its commitments. Loaded on demand: the coverage map never
// carries them. What each person may see and do is the API's to say: a page shows its refusal.
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { type CombinedError, useMutation, useQuery } from 'urql';
import type { PollAnswer, RsvpAnswer } from '../gql/graphql';
import { credentials, type Credentials, onCredentialsChange } from '../lib/credentials';
import {
  AnswerEventMutation,
  AnswerPollMutation,
  EngagementPageQuery,
  EventPageQuery,
  MyOrganisationsQuery,
  PollPageQuery,
  PositionPageQuery,
} from '../lib/operations';
import { followLink, type ItemKind, navigate, paths } from '../lib/router';
import { humanise } from '../lib/words';

export function ItemPage({ kind, id }: { kind: ItemKind; id: string }): React.JSX.Element {
  switch (kind) {
    case 'events':
      return <EventPage id={id} />;
    case 'polls':
      return <PollPage id={id} />;
    case 'positions':
      return <PositionPage id={id} />;
    case 'engagements':
      return <EngagementPage id={id} />;
  }
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const ZONE = 'Europe/London';
const dateParts = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: ZONE,
});
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE });

/** The parts of an instant in London, put together as the emails say it (no ICU-dependent commas). */
function partsOf(date: Date): Record<'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  const parts = Object.fromEntries(dateParts.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    weekday: parts.weekday ?? '',
    day: parts.day ?? '',
    month: parts.month ?? '',
    year: parts.year ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
  };
}
/** "Wednesday 9 December 2026". */
const longDate = {
  format: (date: Date): string => {
    const p = partsOf(date);
    return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
  },
};
/** "18:30". */
const timeOnly = {
  format: (date: Date): string => {
    const p = partsOf(date);
    return `${p.hour}:${p.minute}`;
  },
};
/** "Wednesday 9 December 2026 at 18:30". */
const longDateTime = { format: (date: Date): string => `${longDate.format(date)} at ${timeOnly.format(date)}` };

/** "Wednesday 9 December 2026 at 18:30 to 20:30 (UK time)", the end's day said when it differs. */
function when(startsAt: string, endsAt: string, allDay = false): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (allDay) {
    return longDate.format(start);
  }
  const sameDay = dayKey.format(start) === dayKey.format(end);
  return `${longDateTime.format(start)} to ${sameDay ? timeOnly.format(end) : longDateTime.format(end)} (UK time)`;
}

/** A YYYY-MM-DD day in words ("Monday 30 November 2026"). */
function onDay(date: string): string {
  return longDate.format(new Date(`${date}T12:00:00Z`));
}

function useWho(): Credentials {
  return useSyncExternalStore(onCredentialsChange, credentials);
}

/** The page's heading takes the focus when it appears, so a screen reader starts there. */
function PageHeading({ children }: { children: React.ReactNode }): React.JSX.Element {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="step-heading">
      {children}
    </h1>
  );
}

function Alert({ children }: { children: React.ReactNode }): React.JSX.Element {
  return (
    <p role="alert" className="form-error">
      {children}
    </p>
  );
}

function Loading({ what }: { what: string }): React.JSX.Element {
  return <p role="status">Loading the {what}…</p>;
}

const codeOf = (error: CombinedError): string | null => {
  const code = error.graphQLErrors[0]?.extensions.code;
  return typeof code === 'string' ? code : null;
};

const messageOf = (error: CombinedError): string =>
  error.graphQLErrors[0]?.message ?? 'The server could not be reached: try again.';

/** Signs in, then comes back here (the sign-in page's `next`). */
function SignInLink({ notice, children }: { notice: string; children: React.ReactNode }): React.JSX.Element {
  const here = window.location.pathname;
  return (
    <a
      href={paths.signIn()}
      onClick={(event) => {
        event.preventDefault();
        navigate(paths.signIn(), { notice, next: here });
      }}
    >
      {children}
    </a>
  );
}

/**
 * Why the item is not shown. The API does not tell a private item from a missing one (NOT_FOUND
 * for both), so neither does the page: signed out, it asks to sign in; signed in, it says so.
 */
function Unavailable({ noun, error }: { noun: string; error: CombinedError }): React.JSX.Element {
  const who = useWho();
  const code = codeOf(error);
  const refused = code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'UNAUTHENTICATED';
  if (refused && who.kind !== 'session') {
    return (
      <>
        <PageHeading>Sign in to see this {noun}</PageHeading>
        <p role="alert" className="form-error">
          This {noun} is not public, or the link is wrong.
        </p>
        <p>
          <SignInLink notice={`Sign in to see the ${noun} you were sent.`}>Sign in</SignInLink> and you come back here.
        </p>
      </>
    );
  }
  if (refused) {
    return (
      <>
        <PageHeading>You cannot see this {noun}</PageHeading>
        <Alert>
          You are not allowed to see this {noun} (it is for the organisations it belongs to), or it does not exist.
        </Alert>
        <p>
          <a href={paths.national()} onClick={followLink}>
            Go to the coverage map
          </a>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading>The {noun} could not be loaded</PageHeading>
      <Alert>{messageOf(error)}</Alert>
    </>
  );
}

interface MyOrganisation {
  id: string;
  name: string;
}

/** The organisations the signed-in person works for (and may answer for); empty when signed out. */
function useMyOrganisations(): { organisations: MyOrganisation[]; fetching: boolean } {
  const who = useWho();
  const [{ data, fetching }] = useQuery({ query: MyOrganisationsQuery, pause: who.kind !== 'session' });
  return {
    organisations: (data?.me?.affiliations ?? []).map((a) => ({ id: a.organisation.id, name: a.organisation.name })),
    fetching,
  };
}

/** "Answer for" when the person works for more than one organisation; otherwise the one, said. */
function OrganisationChoice(props: {
  organisations: MyOrganisation[];
  value: string;
  onChange: (id: string) => void;
}): React.JSX.Element {
  const id = useId();
  if (props.organisations.length === 1) {
    return <p>You answer for {props.organisations[0]?.name}.</p>;
  }
  return (
    <div className="field">
      <label htmlFor={id}>Answer for</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// An event

const RSVP_WORDS: Record<RsvpAnswer, string> = { GOING: 'Going', MAYBE: 'Maybe', DECLINED: 'Not going' };
const PLACE_WORDS = { CONFIRMED: 'a place is confirmed', WAITLISTED: 'on the waitlist', NONE: '' } as const;

/** How far ahead a series' occurrences are offered to answer (the API allows up to 366 days). */
const OCCURRENCE_WINDOW_MS = 180 * 24 * 3600 * 1000;

function EventPage({ id }: { id: string }): React.JSX.Element {
  const [span] = useState(() => {
    const from = Date.now();
    return { from: new Date(from).toISOString(), to: new Date(from + OCCURRENCE_WINDOW_MS).toISOString() };
  });
  // A series is answered one occurrence at a time (the API refuses an answer to the whole series).
  const [occurrence, setOccurrence] = useState<string | null>(null);
  const [{ data, fetching, error }, reload] = useQuery({
    query: EventPageQuery,
    variables: { id, occurrenceStart: occurrence, from: span.from, to: span.to },
    requestPolicy: 'cache-and-network',
  });
  // While another occurrence's answers load, the page keeps showing the event.
  const last = useRef<typeof data>(undefined);
  if (data?.event) {
    last.current = data;
  }
  const event = data?.event ?? last.current?.event;
  const upcoming = event?.recurrenceRule ? event.occurrences.filter((o) => !o.cancelled).slice(0, 100) : [];
  // The occurrence an email was about (`?occurrence=`, its original or its moved start), else the next one.
  const [asked] = useState(() => Date.parse(new URLSearchParams(window.location.search).get('occurrence') ?? ''));
  const preferred =
    upcoming.find((o) => Date.parse(o.originalStart) === asked || Date.parse(o.startsAt) === asked) ?? upcoming[0];
  const preferredStart = preferred?.originalStart ?? null;
  useEffect(() => {
    if (occurrence === null && preferredStart) {
      setOccurrence(preferredStart);
    }
  }, [occurrence, preferredStart]);
  const choiceId = useId();
  if (error && !event) {
    return <Unavailable noun="event" error={error} />;
  }
  if (!event) {
    return (
      <>
        <h1>Event</h1>
        {fetching ? <Loading what="event" /> : null}
      </>
    );
  }
  const chosen = upcoming.find((o) => o.originalStart === occurrence);
  const cancelled = event.status === 'CANCELLED';
  const place = [event.venue, event.address].filter(Boolean).join(', ');
  return (
    <article className="item-page">
      <PageHeading>{event.title}</PageHeading>
      {cancelled ? (
        <p className="item-cancelled">
          <strong>Cancelled.</strong> {event.statusReason ?? ''}
        </p>
      ) : null}
      <dl className="facts">
        <Fact term="When">
          {chosen
            ? when(chosen.startsAt, chosen.endsAt, event.allDay)
            : when(event.startsAt, event.endsAt, event.allDay)}
          {event.recurrenceRule ? ' (one of a series)' : ''}
        </Fact>
        <Fact term="Where">
          {place || (event.onlineUrl ? 'Online' : 'Not given')}
          {event.onlineUrl && !cancelled ? (
            <>
              {' · '}
              <a href={event.onlineUrl} rel="noopener noreferrer" target="_blank">
                Join online (opens in a new tab)
              </a>
            </>
          ) : null}
        </Fact>
        <Fact term="Status">
          {humanise(event.status)}
          {!cancelled && event.statusReason ? `: ${event.statusReason}` : ''}
        </Fact>
        <Fact term="Organised by">
          {event.network ? (
            <a href={paths.networkActivity(event.network.id)} onClick={followLink}>
              {event.network.name}
            </a>
          ) : (
            (event.organiserOrganisation?.name ?? 'Not given')
          )}
        </Fact>
        <Fact term="Answers so far">
          {event.tally.confirmed} going, {event.tally.maybe} maybe, {event.tally.declined} not going
          {event.tally.waitlisted ? `, ${event.tally.waitlisted} on the waitlist` : ''}
          {event.tally.placesLeft !== null && event.tally.placesLeft !== undefined
            ? ` (${event.tally.placesLeft} places left)`
            : ''}
        </Fact>
      </dl>
      {event.description ? <p className="item-text">{event.description}</p> : null}
      {event.network && event.visibility === 'PUBLIC' ? (
        <p>
          <a href={`/calendars/networks/${encodeURIComponent(event.network.id)}.ics`}>
            Download the network’s public calendar (.ics)
          </a>
        </p>
      ) : null}
      {upcoming.length > 0 ? (
        <div className="field">
          <label htmlFor={choiceId}>Which occurrence</label>
          <select id={choiceId} value={occurrence ?? ''} onChange={(e) => setOccurrence(e.target.value)}>
            {upcoming.map((o) => (
              <option key={o.originalStart} value={o.originalStart}>
                {when(o.startsAt, o.endsAt, event.allDay)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <EventAnswer
        key={occurrence ?? ''}
        eventId={event.id}
        occurrenceStart={event.recurrenceRule ? occurrence : null}
        open={(event.status === 'SCHEDULED' || event.status === 'POSTPONED') && (!event.recurrenceRule || !!chosen)}
        rsvps={event.rsvps}
        onAnswered={() => reload({ requestPolicy: 'network-only' })}
      />
    </article>
  );
}

interface RsvpView {
  id: string;
  answer: RsvpAnswer;
  place: keyof typeof PLACE_WORDS;
  organisation: { id: string; name: string };
}

function EventAnswer(props: {
  eventId: string;
  occurrenceStart: string | null;
  open: boolean;
  rsvps: readonly RsvpView[];
  onAnswered: () => void;
}): React.JSX.Element {
  const who = useWho();
  const { organisations, fetching } = useMyOrganisations();
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [answer, setAnswer] = useState<RsvpAnswer | null>(null);
  const [saved, setSaved] = useState(false);
  const [sending, send] = useMutation(AnswerEventMutation);
  const chosen = organisationId ?? organisations[0]?.id ?? '';
  const mine = props.rsvps.filter((r) => organisations.some((o) => o.id === r.organisation.id));
  const current = mine.find((r) => r.organisation.id === chosen);
  const heading = <h2 id="answer-heading">Your organisation’s answer</h2>;
  if (who.kind !== 'session') {
    return (
      <section aria-labelledby="answer-heading">
        {heading}
        <p>
          <SignInLink notice="Sign in to answer for your organisation.">Sign in</SignInLink> to answer for your
          organisation.
        </p>
      </section>
    );
  }
  if (fetching && organisations.length === 0) {
    return (
      <section aria-labelledby="answer-heading">
        {heading}
        <Loading what="organisations you work for" />
      </section>
    );
  }
  const answers =
    mine.length > 0 ? (
      <ul>
        {mine.map((r) => (
          <li key={r.id}>
            {r.organisation.name}: <strong>{RSVP_WORDS[r.answer]}</strong>
            {PLACE_WORDS[r.place] ? ` (${PLACE_WORDS[r.place]})` : ''}
          </li>
        ))}
      </ul>
    ) : (
      <p>Your organisation has not answered yet.</p>
    );
  if (organisations.length === 0 || !props.open) {
    return (
      <section aria-labelledby="answer-heading">
        {heading}
        {answers}
        <p>
          {organisations.length === 0
            ? 'You answer for an organisation you work for, and you work for none.'
            : 'Answers are closed: the event (or this occurrence) is not going ahead as planned, or is over.'}
        </p>
      </section>
    );
  }
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    const value = answer ?? current?.answer;
    if (!value) {
      return;
    }
    const result = await send({
      input: { eventId: props.eventId, occurrenceStart: props.occurrenceStart, organisationId: chosen, answer: value },
    });
    if (result.data) {
      setSaved(true);
      props.onAnswered();
    }
  };
  const selected = answer ?? current?.answer ?? null;
  return (
    <section aria-labelledby="answer-heading">
      {heading}
      {answers}
      <form className="item-form" onSubmit={(e) => void submit(e)}>
        <OrganisationChoice
          organisations={organisations}
          value={chosen}
          onChange={(value) => {
            setOrganisationId(value);
            setAnswer(null);
            setSaved(false);
          }}
        />
        <fieldset>
          <legend>Will your organisation go?</legend>
          <div className="choices">
            {(Object.keys(RSVP_WORDS) as RsvpAnswer[]).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name="rsvp"
                  value={value}
                  checked={selected === value}
                  onChange={() => {
                    setAnswer(value);
                    setSaved(false);
                  }}
                />{' '}
                {RSVP_WORDS[value]}
              </label>
            ))}
          </div>
        </fieldset>
        {sending.error ? <Alert>{messageOf(sending.error)}</Alert> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={sending.fetching || selected === null}>
            Send the answer
          </button>
          <p role="status" className="saved">
            {saved && sending.data
              ? `Answer saved: ${RSVP_WORDS[sending.data.answerEvent.rsvp.answer]}${
                  sending.data.answerEvent.rsvp.place === 'WAITLISTED' ? ' (on the waitlist)' : ''
                }.`
              : ''}
          </p>
        </div>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// A scheduling poll

const POLL_WORDS: Record<PollAnswer, string> = { YES: 'Yes', IF_NEED_BE: 'If need be', NO: 'No' };

function PollPage({ id }: { id: string }): React.JSX.Element {
  const who = useWho();
  const [{ data, fetching, error }, reload] = useQuery({
    query: PollPageQuery,
    variables: { id },
    requestPolicy: 'cache-and-network',
    pause: who.kind !== 'session',
  });
  const { organisations } = useMyOrganisations();
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [choices, setChoices] = useState<Map<string, PollAnswer>>(new Map());
  const [saved, setSaved] = useState(false);
  const [sending, send] = useMutation(AnswerPollMutation);
  if (who.kind !== 'session') {
    return (
      <>
        <PageHeading>Sign in to answer this poll</PageHeading>
        <p>
          Scheduling polls are for the organisations of their network.{' '}
          <SignInLink notice="Sign in to see the poll you were sent.">Sign in</SignInLink> and you come back here.
        </p>
      </>
    );
  }
  const poll = data?.schedulingPoll;
  if (error && !poll) {
    return <Unavailable noun="poll" error={error} />;
  }
  if (!poll) {
    return (
      <>
        <h1>Scheduling poll</h1>
        {fetching ? <Loading what="poll" /> : null}
      </>
    );
  }
  const chosen = organisationId ?? organisations[0]?.id ?? '';
  const answerOf = (slotId: string): PollAnswer | undefined =>
    choices.get(slotId) ?? poll.answers.find((a) => a.slotId === slotId && a.organisationId === chosen)?.answer;
  const open = poll.status === 'OPEN';
  const confirmed = poll.slots.find((s) => s.id === poll.confirmedSlotId);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    const answers = poll.slots.flatMap((slot) => {
      const answer = answerOf(slot.id);
      return answer ? [{ slotId: slot.id, answer }] : [];
    });
    const result = await send({ input: { pollId: poll.id, organisationId: chosen, answers } });
    if (result.data) {
      setSaved(true);
      setChoices(new Map());
      reload({ requestPolicy: 'network-only' });
    }
  };
  return (
    <article className="item-page">
      <PageHeading>{poll.title}</PageHeading>
      <dl className="facts">
        <Fact term="Network">
          <a href={paths.networkActivity(poll.network.id)} onClick={followLink}>
            {poll.network.name}
          </a>
        </Fact>
        <Fact term="Status">{humanise(poll.status)}</Fact>
        <Fact term="Answers close">
          {poll.deadline ? `${longDateTime.format(new Date(poll.deadline))} (UK time)` : 'When the time is chosen'}
        </Fact>
        {confirmed ? (
          <Fact term="Chosen time">
            {when(confirmed.startsAt, confirmed.endsAt)}
            {poll.eventId ? (
              <>
                {' · '}
                <a href={paths.item('events', poll.eventId)} onClick={followLink}>
                  The event
                </a>
              </>
            ) : null}
          </Fact>
        ) : null}
      </dl>
      {poll.description ? <p className="item-text">{poll.description}</p> : null}
      <table className="item-table">
        <caption>Possible times, and the answers of the network’s organisations so far</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Yes</th>
            <th scope="col">If need be</th>
            <th scope="col">No</th>
          </tr>
        </thead>
        <tbody>
          {poll.slots.map((slot) => {
            const tally = poll.tally.find((t) => t.slotId === slot.id);
            return (
              <tr key={slot.id} data-slot={slot.id}>
                <th scope="row">{when(slot.startsAt, slot.endsAt)}</th>
                <td>{tally?.yes ?? 0}</td>
                <td>{tally?.ifNeedBe ?? 0}</td>
                <td>{tally?.no ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <section aria-labelledby="poll-answer-heading">
        <h2 id="poll-answer-heading">Your organisation’s answers</h2>
        {!open ? (
          <p>Answers are closed.</p>
        ) : organisations.length === 0 ? (
          <p>You answer for an organisation you work for, and you work for none.</p>
        ) : (
          <form className="item-form" onSubmit={(e) => void submit(e)}>
            <OrganisationChoice
              organisations={organisations}
              value={chosen}
              onChange={(value) => {
                setOrganisationId(value);
                setChoices(new Map());
                setSaved(false);
              }}
            />
            {poll.slots.map((slot) => (
              <fieldset key={slot.id}>
                <legend>{when(slot.startsAt, slot.endsAt)}</legend>
                <div className="choices">
                  {(Object.keys(POLL_WORDS) as PollAnswer[]).map((value) => (
                    <label key={value}>
                      <input
                        type="radio"
                        name={`slot-${slot.id}`}
                        value={value}
                        checked={answerOf(slot.id) === value}
                        onChange={() => {
                          setChoices(new Map(choices).set(slot.id, value));
                          setSaved(false);
                        }}
                      />{' '}
                      {POLL_WORDS[value]}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            {sending.error ? <Alert>{messageOf(sending.error)}</Alert> : null}
            <div className="actions">
              <button type="submit" className="primary" disabled={sending.fetching}>
                Send the answers
              </button>
              <p role="status" className="saved">
                {saved ? 'Your organisation’s answers are saved.' : ''}
              </p>
            </div>
          </form>
        )}
      </section>
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// A draft joint position (read-only)

function PositionPage({ id }: { id: string }): React.JSX.Element {
  const [{ data, fetching, error }] = useQuery({
    query: PositionPageQuery,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const position = data?.jointPosition;
  if (error && !position) {
    return <Unavailable noun="draft" error={error} />;
  }
  if (!position) {
    return (
      <>
        <h1>Draft</h1>
        {fetching ? <Loading what="draft" /> : null}
      </>
    );
  }
  // Null where the viewer is not a member of the network: a public draft's discussion stays with it.
  const comments = position.sections.some((s) => s.comments === null)
    ? null
    : position.sections.reduce((sum, s) => sum + (s.comments?.length ?? 0), 0);
  return (
    <article className="item-page">
      <PageHeading>{position.title}</PageHeading>
      <dl className="facts">
        <Fact term="Status">
          {humanise(position.status)}
          {position.statusReason ? `: ${position.statusReason}` : ''}
        </Fact>
        <Fact term="Network">
          <a href={paths.networkActivity(position.network.id)} onClick={followLink}>
            {position.network.name}
          </a>
        </Fact>
        <Fact term="For">{position.audience}</Fact>
        {position.deadline ? <Fact term="Deadline">{onDay(position.deadline)}</Fact> : null}
        <Fact term="Revision">{position.revision}</Fact>
        {comments === null ? null : (
          <Fact term="Comments">
            {comments === 1 ? '1 comment' : `${comments} comments`} ·{' '}
            <a href={paths.networkActivity(position.network.id)} onClick={followLink}>
              Follow the discussion in the network’s feed
            </a>
          </Fact>
        )}
      </dl>
      {position.purpose ? <p className="item-text">{position.purpose}</p> : null}
      <p className="muted small">Read-only here: the draft is written and commented on in the drafting tools.</p>
      {position.sections.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`} className="item-section">
          <h2 id={`section-${section.id}`}>
            {section.ordinal}. {section.heading}
          </h2>
          <p className="item-text">{section.body}</p>
          {section.comments ? (
            <p className="muted small">
              {section.comments.length === 1 ? '1 comment' : `${section.comments.length} comments`}
            </p>
          ) : null}
        </section>
      ))}
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// An engagement and its commitments

function EngagementPage({ id }: { id: string }): React.JSX.Element {
  const [{ data, fetching, error }] = useQuery({
    query: EngagementPageQuery,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const engagement = data?.engagement;
  if (error && !engagement) {
    return <Unavailable noun="engagement" error={error} />;
  }
  if (!engagement) {
    return (
      <>
        <h1>Engagement</h1>
        {fetching ? <Loading what="engagement" /> : null}
      </>
    );
  }
  const overdue = engagement.commitments.filter((c) => c.daysOverdue > 0).length;
  return (
    <article className="item-page">
      <PageHeading>
        {humanise(engagement.kind)} with the commissioner’s office, {onDay(engagement.occurredOn)}
      </PageHeading>
      <dl className="facts">
        <Fact term="Network">
          <a href={paths.networkActivity(engagement.network.id)} onClick={followLink}>
            {engagement.network.name}
          </a>
        </Fact>
        {engagement.officeParticipants ? <Fact term="For the office">{engagement.officeParticipants}</Fact> : null}
        <Fact term="Visible to">{engagement.public ? 'Anyone' : 'The network’s members'}</Fact>
      </dl>
      <p className="item-text">{engagement.summary}</p>
      {engagement.asks.length > 0 ? (
        <section aria-labelledby="asks-heading">
          <h2 id="asks-heading">What was asked</h2>
          <ol>
            {engagement.asks.map((ask) => (
              <li key={ask.id}>{ask.text}</li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="commitments-heading">
        <h2 id="commitments-heading">What the office committed to</h2>
        {engagement.commitments.length === 0 ? (
          <p>No commitments were recorded.</p>
        ) : (
          <table className="item-table">
            <caption>
              {engagement.commitments.length} commitments, soonest due first
              {overdue > 0 ? `; ${overdue} overdue` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Commitment</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {engagement.commitments.map((c) => (
                <tr key={c.id} data-commitment={c.id} className={c.daysOverdue > 0 ? 'overdue' : undefined}>
                  <th scope="row">{c.text}</th>
                  <td>{c.owner}</td>
                  <td>{onDay(c.dueOn)}</td>
                  <td>
                    {humanise(c.status)}
                    {c.daysOverdue > 0 ? (
                      <>
                        {' '}
                        <strong className="overdue-mark">
                          Overdue by {c.daysOverdue === 1 ? '1 day' : `${c.daysOverdue} days`}
                        </strong>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
