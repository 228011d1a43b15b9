import { ActivityVerb } from '../activity.enums';

/**
 * Items after which a subscriber's rights in a network may differ (someone joined, left, was
 * removed or changed role, or the network changed status): live feeds that keep rights between
 * items work them out again at once.
 */
export const RIGHTS_CHANGES: ReadonlySet<ActivityVerb> = new Set([
  ActivityVerb.NETWORK_MEMBER_JOINED,
  ActivityVerb.NETWORK_MEMBER_LEFT,
  ActivityVerb.NETWORK_MEMBER_REMOVED,
  ActivityVerb.NETWORK_ROLE_CHANGED,
  ActivityVerb.NETWORK_STATUS_CHANGED,
]);

/** Other changes of rights (an affiliation ended) show in no feed: work them out at least this often. */
export const RIGHTS_RECHECK_MS = 30_000;
