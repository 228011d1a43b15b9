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
}

/** Who may see an activity item. */
export enum ActivityVisibility {
  /** Anyone. */
  PUBLIC = 'PUBLIC',
  /** Members of the network it concerns (arrives with networks). */
  NETWORK = 'NETWORK',
  /** People of the organisation it concerns, and platform admins. */
  ORGANISATION = 'ORGANISATION',
  /** Platform admins only. */
  ADMIN = 'ADMIN',
}

registerEnumType(ActivityVerb, { name: 'ActivityVerb', description: 'What happened.' });
registerEnumType(ActivityVisibility, { name: 'ActivityVisibility', description: 'Who may see an activity item.' });
