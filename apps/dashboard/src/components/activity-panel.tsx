import { type ActivityItem, type Scope, useActivity } from '../lib/use-activity';
import { followLink, paths } from '../lib/router';
import { dateTime, describeActivity } from '../lib/words';

interface Props {
  scope: Scope;
  title?: string;
  onItem?: (item: ActivityItem) => void;
}

const STATE_WORDS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

/** A live feed for any scope; resumes from its last cursor after a reload or a dropped connection. */
export function ActivityPanel({ scope, title = 'Live activity', onItem }: Props): React.JSX.Element {
  const { items, state } = useActivity(scope, onItem);
  return (
    <section className="activity" aria-labelledby="activity-heading">
      <div className="activity-head">
        <h2 id="activity-heading">{title}</h2>
        <span className={`feed-state feed-${state}`} role="status" data-testid="feed-state">
          {STATE_WORDS[state]}
        </span>
      </div>
      {items.length === 0 ? (
        <p className="muted">Nothing yet: new activity appears here as it happens.</p>
      ) : (
        <ol className="activity-list" aria-live="polite" aria-relevant="additions">
          {items.map((item) => (
            <li key={item.sequence} data-sequence={item.sequence}>
              <time dateTime={item.occurredAt}>{dateTime(item.occurredAt)}</time>{' '}
              <span>{describeActivity(item.verb, item.payload)}</span>
              <ItemLinks item={item} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ItemLinks({ item }: { item: ActivityItem }): React.JSX.Element | null {
  const links: { href: string; label: string }[] = [];
  if (item.policeForceAreaCode) {
    links.push({ href: paths.area(item.policeForceAreaCode), label: 'area' });
  }
  if (item.networkId) {
    links.push({ href: paths.networkActivity(item.networkId), label: 'network activity' });
  }
  if (item.organisationId) {
    links.push({ href: paths.organisationActivity(item.organisationId), label: 'organisation activity' });
  }
  if (links.length === 0) {
    return null;
  }
  return (
    <span className="item-links">
      {links.map((link) => (
        <a key={link.href} href={link.href} onClick={followLink}>
          {link.label}
        </a>
      ))}
    </span>
  );
}
