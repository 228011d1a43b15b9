import { registerEnumType } from '@nestjs/graphql';

/** What happened. Grows with every context (networks, events, drafting add theirs). */
export enum ActivityVerb {
  ORGANISATION_CREATED = 'ORGANISATION_CREATED',
  ORGANISATION_UPDATED = 'ORGANISATION_UPDATED',
  ORGANISATION_ARCHIVED = 'ORGANISATION_ARCHIVED',
  SPECIALISM_CREATED = 'SPECIALISM_CREATED',
  PERSON_INVITED = 'PERSON_INVITED',
  INVITATION_ACCEPTED = 'INVITATION_ACCEPTED',
  API_TOKEN_CREATED = 'API_TOKEN_CREATED',
  API_TOKEN_REVOKED = 'API_TOKEN_REVOKED',
  NETWORK_CREATED = 'NETWORK_CREATED',
  NETWORK_UPDATED = 'NETWORK_UPDATED',
  NETWORK_STATUS_CHANGED = 'NETWORK_STATUS_CHANGED',
  NETWORK_MEMBER_INVITED = 'NETWORK_MEMBER_INVITED',
  NETWORK_JOIN_REQUESTED = 'NETWORK_JOIN_REQUESTED',
  NETWORK_MEMBER_JOINED = 'NETWORK_MEMBER_JOINED',
  NETWORK_INVITATION_DECLINED = 'NETWORK_INVITATION_DECLINED',
  NETWORK_REQUEST_DECLINED = 'NETWORK_REQUEST_DECLINED',
  NETWORK_MEMBER_LEFT = 'NETWORK_MEMBER_LEFT',
  NETWORK_MEMBER_REMOVED = 'NETWORK_MEMBER_REMOVED',
  NETWORK_ROLE_CHANGED = 'NETWORK_ROLE_CHANGED',
  NETWORK_CONVENING_HANDED_OVER = 'NETWORK_CONVENING_HANDED_OVER',
  COVERAGE_PRIORITIES_SET = 'COVERAGE_PRIORITIES_SET',
}

/** Who may see an activity item. */
export enum ActivityVisibility {
  /** Anyone. */
  PUBLIC = 'PUBLIC',
  /** People of the network's active member organisations, of the organisation it concerns, and platform admins. */
  NETWORK = 'NETWORK',
  /** People of the organisation it concerns, and platform admins. */
  ORGANISATION = 'ORGANISATION',
  /** Platform admins only. */
  ADMIN = 'ADMIN',
}

registerEnumType(ActivityVerb, { name: 'ActivityVerb', description: 'What happened.' });
registerEnumType(ActivityVisibility, { name: 'ActivityVisibility', description: 'Who may see an activity item.' });
