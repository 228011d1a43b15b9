import { registerEnumType } from '@nestjs/graphql';

/** A person's role in an organisation they work for. */
export enum AffiliationRole {
  ORG_ADMIN = 'ORG_ADMIN',
  STAFF = 'STAFF',
}

registerEnumType(AffiliationRole, {
  name: 'AffiliationRole',
  valuesMap: {
    ORG_ADMIN: { description: 'Manages the organisation: its profile, people, API tokens, sign-ons.' },
    STAFF: { description: 'Works for the organisation and acts on its behalf where allowed.' },
  },
});
