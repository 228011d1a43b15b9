import { ActivityPanel } from '../components/activity-panel';
import type { ActivityScopeKind } from '../gql/graphql';

const TITLES: Partial<Record<ActivityScopeKind, string>> = {
  NATIONAL: 'Live activity, nationally',
  POLICE_FORCE_AREA: 'Live activity of an area',
  NETWORK: 'Live activity of a network',
  ORGANISATION: 'Live activity of an organisation',
  EVENT: 'Live activity of an event',
};

export function ActivityPage({ kind, target }: { kind: ActivityScopeKind; target?: string }): React.JSX.Element {
  return (
    <>
      <h1>{TITLES[kind] ?? 'Live activity'}</h1>
      <ActivityPanel scope={{ kind, target }} title="Feed" />
    </>
  );
}
