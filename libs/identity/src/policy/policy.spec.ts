import { describe, expect, it } from '@jest/globals';
import { Action, type Resource } from '@app/common';
import { ApiTokenScopeKind } from '../api-token/api-token.enums';
import type { Actor } from '../auth/actor';
import { AffiliationRole } from '../person/person.enums';
import { POLICY } from './policy';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const person = (platformAdmin: boolean, role?: AffiliationRole): Actor => ({
  kind: 'PERSON',
  personId: 'p',
  platformAdmin,
  affiliations: role ? [{ organisationId: ORG, role }] : [],
});
const ACTORS: readonly Actor[] = [
  { kind: 'ANONYMOUS' },
  { kind: 'API_TOKEN', tokenId: 't', organisationId: ORG, scope: { kind: ApiTokenScopeKind.NATIONAL, target: null } },
  person(false),
  person(false, AffiliationRole.STAFF),
  person(false, AffiliationRole.ORG_ADMIN),
  person(true),
];
const RESOURCES: readonly Resource[] = [
  {},
  { organisationId: ORG },
  { organisationId: OTHER },
  { organisationIds: [ORG] },
  { organisationIds: [OTHER] },
];

describe('POLICY', () => {
  it('has no two actions deciding alike (identical rules are one action)', () => {
    const decisions = Object.values(Action).map((action) => {
      const rule = POLICY[action];
      const table = ACTORS.flatMap((actor) => RESOURCES.map((resource) => (rule.allows(actor, resource) ? 1 : 0)));
      return `${rule.requiresSignIn}:${table.join('')}`;
    });
    expect(new Set(decisions).size).toBe(decisions.length);
  });
});
