import { useMemo } from 'react';
import { useQuery } from 'urql';
import { ActivityPanel } from '../components/activity-panel';
import { HistoryChart } from '../components/history-chart';
import { AreaQuery } from '../lib/operations';
import { followLink, paths } from '../lib/router';
import { day, dateTime, governanceName, percent, regionName, STATUS_WORDS } from '../lib/words';

const HISTORY_DAYS = 90;
const EVENTS_DAYS = 120;

export function AreaPage({ code }: { code: string }): React.JSX.Element {
  const variables = useMemo(() => {
    const now = new Date();
    const from = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
    return {
      code,
      from: from.toISOString().slice(0, 10),
      to: now.toISOString().slice(0, 10),
      eventsFrom: now.toISOString(),
      eventsTo: new Date(now.getTime() + EVENTS_DAYS * 86_400_000).toISOString(),
    };
  }, [code]);
  const [{ data, error }, refetch] = useQuery({ query: AreaQuery, variables });
  if (error && !data) {
    return (
      <>
        <h1>Area {code}</h1>
        <p role="alert">This area could not be loaded ({error.message}).</p>
      </>
    );
  }
  if (!data) {
    return <p role="status">Loading…</p>;
  }
  const area = data.policeForceArea;
  const coverage = area.coverage;
  const today = area.offices.find((office) => !office.planned && office.until === null);
  const holder = today?.holders.find((h) => h.termEnd === null);
  const planned = area.offices.filter((office) => office.planned);
  const events = data.eventOccurrences.filter((o) => !o.cancelled).slice(0, 20);
  return (
    <>
      <p>
        <a href={paths.national()} onClick={followLink}>
          ← All areas
        </a>
      </p>
      <h1>{area.displayName}</h1>
      <p className="muted">
        {area.forceName} · {regionName(area.region)} · population {area.population.toLocaleString('en-GB')}
      </p>
      <div className="area-grid">
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">Coverage</h2>
          <p data-testid="area-status">
            <span className={`badge badge-${coverage.status}`}>{STATUS_WORDS[coverage.status].label}</span>{' '}
            {STATUS_WORDS[coverage.status].meaning}
          </p>
          {coverage.reasons.length ? (
            <ul>
              {coverage.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : (
            <p>No gaps found.</p>
          )}
          <p>
            {coverage.localAuthoritiesReached} of {coverage.localAuthoritiesTotal} local authorities reached,{' '}
            {percent(coverage.populationReachedShare)} of the population.
          </p>
          <p>
            {coverage.lastEngagementOn
              ? `Last engagement with the commissioner's office: ${day(coverage.lastEngagementOn)} (${coverage.daysSinceLastEngagement ?? 0} days ago).`
              : "No engagement with the commissioner's office recorded."}
          </p>
          <h3>Coverage over the last {HISTORY_DAYS} days</h3>
          <HistoryChart history={data.coverageHistory} />
        </section>
        <section aria-labelledby="governance-heading">
          <h2 id="governance-heading">Who governs it</h2>
          {area.currentGovernance ? (
            <p>
              {governanceName(area.currentGovernance.type)}: {area.currentGovernance.office}
              {area.currentGovernance.since ? `, since ${day(area.currentGovernance.since)}` : ''}.
            </p>
          ) : (
            <p>Not recorded.</p>
          )}
          <p>
            {holder
              ? `Office-holder: ${holder.name}${holder.party ? ` (${holder.party})` : holder.independent ? ' (independent)' : ''}, since ${day(holder.termStart)}.`
              : 'Office-holder: not recorded.'}
          </p>
          {planned.map((office) => (
            <p key={`${office.name}-${office.since ?? ''}`}>
              Planned: {governanceName(office.type)} ({office.name}){office.since ? ` from ${day(office.since)}` : ''}.
            </p>
          ))}
          <h2>Networks</h2>
          {area.networks.length === 0 ? (
            <p>No network yet.</p>
          ) : (
            <ul>
              {area.networks.map((network) => (
                <li key={network.id}>
                  <a href={paths.networkActivity(network.id)} onClick={followLink}>
                    {network.name}
                  </a>{' '}
                  — {network.status.toLowerCase()} since {day(network.statusSince)}, {network.memberCount}{' '}
                  {network.memberCount === 1 ? 'member' : 'members'}; convened by{' '}
                  {network.convenors.map((c) => c.organisation.name).join(', ') || 'nobody'}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="commitments-heading">
          <h2 id="commitments-heading">Overdue commitments</h2>
          {data.overdueCommitments.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul>
              {data.overdueCommitments.map((commitment) => (
                <li key={commitment.id}>
                  {commitment.text} ({commitment.owner}, due {day(commitment.dueOn)}, {commitment.daysOverdue} days
                  overdue; {commitment.engagement.network.name})
                </li>
              ))}
            </ul>
          )}
          <h2>Upcoming public events and hustings</h2>
          {events.length === 0 ? (
            <p>None in the next {EVENTS_DAYS} days.</p>
          ) : (
            <ul>
              {events.map((occurrence) => (
                <li key={`${occurrence.eventId}-${occurrence.startsAt}`}>
                  <time dateTime={occurrence.startsAt}>{dateTime(occurrence.startsAt)}</time>: {occurrence.event.title}
                  {occurrence.event.kind === 'PCC_HUSTINGS' ? ' (hustings)' : ''}
                  {occurrence.event.venue ? `, ${occurrence.event.venue}` : ''}
                  {occurrence.moved ? ' (moved)' : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
        <ActivityPanel
          scope={{ kind: 'POLICE_FORCE_AREA', target: area.code }}
          title={`Live activity in ${area.displayName}`}
          onItem={() => refetch({ requestPolicy: 'network-only' })}
        />
      </div>
    </>
  );
}
