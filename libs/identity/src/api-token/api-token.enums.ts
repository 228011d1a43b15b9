import { registerEnumType } from '@nestjs/graphql';

/** What an API token may read: everything public nationally, or only one area, network or organisation. */
export enum ApiTokenScopeKind {
  NATIONAL = 'NATIONAL',
  POLICE_FORCE_AREA = 'POLICE_FORCE_AREA',
  NETWORK = 'NETWORK',
  ORGANISATION = 'ORGANISATION',
}

registerEnumType(ApiTokenScopeKind, {
  name: 'ApiTokenScopeKind',
  description:
    'What an API token may read: everything public (NATIONAL), or only what concerns one police force area, network or organisation; anything else is FORBIDDEN.',
});
