import type { NewActivity } from '../activity.recorder';
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

/** Changes after which someone's live streams are re-checked at once, on every instance. */
const ANNOUNCED: ReadonlySet<ActivityVerb> = new Set([
  ...RIGHTS_CHANGES,
  ActivityVerb.NETWORK_CONVENING_HANDED_OVER,
  ActivityVerb.API_TOKEN_REVOKED,
  ActivityVerb.ORGANISATION_ARCHIVED,
]);

/** Subjects of rights changes, as writers name them after commit and live streams register them. */
export const rightsSubject = {
  session: (id: string): string => `session:${id}`,
  token: (id: string): string => `token:${id}`,
  person: (id: string): string => `person:${id}`,
  organisation: (id: string): string => `organisation:${id}`,
  network: (id: string): string => `network:${id}`,
};

/** Whose rights an item may have ended (`LiveRights` subjects); none for most items. */
export function rightsSubjectsOf(activity: NewActivity): string[] {
  if (!ANNOUNCED.has(activity.verb)) {
    return [];
  }
  const subjects: string[] = [];
  if (activity.organisationId) {
    subjects.push(rightsSubject.organisation(activity.organisationId));
  }
  if (activity.networkId) {
    subjects.push(rightsSubject.network(activity.networkId));
  }
  const tokenId = activity.payload?.apiTokenId;
  if (activity.verb === ActivityVerb.API_TOKEN_REVOKED && typeof tokenId === 'string') {
    subjects.push(rightsSubject.token(tokenId));
  }
  return subjects;
}

/** The safety net: every live stream's rights are worked out again at least this often. */
export const RIGHTS_RECHECK_MS = 30_000;
