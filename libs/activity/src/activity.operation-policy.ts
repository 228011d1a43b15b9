import { Action, fieldsOf, operationPolicy, type ReachRule, textOr } from '@app/common';
import { ActivityScopeKind } from './dto/activity.args';

/** What a feed's `scope` argument reaches, for API tokens (national when not given). */
export const SCOPE_REACH: ReachRule = {
  of: (args, _facts, places) => {
    const scope = fieldsOf(args.scope);
    const target = textOr(scope.target);
    switch (scope.kind) {
      case ActivityScopeKind.POLICE_FORCE_AREA:
        return { policeForceAreaCode: target };
      case ActivityScopeKind.ORGANISATION:
        return { organisationId: target };
      case ActivityScopeKind.NETWORK:
        return places.network(target);
      case ActivityScopeKind.EVENT:
        return places.event(target);
      default:
        return {};
    }
  },
  name: 'the area, network, organisation or event named by `scope`',
};

/** Who may read the activity feeds (enforced by the API's guard). */
export const activityOperationPolicy = operationPolicy('activity', {
  // Items are filtered per viewer by visibility in the feed service.
  'Query.activity': { action: Action.ANYONE, reach: SCOPE_REACH },
  'Subscription.activity': { action: Action.ANYONE, reach: SCOPE_REACH },
});
