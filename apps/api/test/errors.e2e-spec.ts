import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { projectRoot } from '@app/common';
import { type GraphqlError, withAdminClient } from '@app/testing';
import { GWENT, MEMBER_GROUP, NEWPORT_CVS, type Headers } from './support/event-helpers';
import { invitationTokenOf } from './support/invitation-token';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

/** The reasons the committed schema documents (its `RefusalReason` enum). */
function documentedReasons(): string[] {
  const type = buildSchema(readFileSync(join(projectRoot(), 'schema/schema.graphql'), 'utf8')).getType('RefusalReason');
  return isEnumType(type) ? type.getValues().map((v) => v.name) : [];
}

const cursor = (key: string, id: string): string => Buffer.from(JSON.stringify([key, id])).toString('base64url');

/** The one error of an answer must be `code` for `reason`, naming `field` (never an internal error). */
function expectRefusal(errors: GraphqlError[] | undefined, code: string, reason: string, field?: string): void {
  expect(errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(errors?.[0]?.extensions?.reason).toBe(reason);
  if (field) {
    expect(errors?.[0]?.extensions?.fields?.map((f) => f.field)).toContain(field);
  }
}

describe('errors over GraphQL', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('answers GraphQL validation errors with their code and no stack trace', async () => {
    const response = await sut.client.request('{ policeForceAreas { noSuchField } }', undefined, {
      accept: 'application/graphql-response+json',
    });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.ts:|node_modules/);
    // Legacy application/json clients (no Accept header) get the same error with a 200, as the spec asks.
    const legacy = await sut.client.request('{ policeForceAreas { noSuchField } }');
    expect(legacy.status).toBe(200);
    expect(legacy.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('masks an unexpected failure as INTERNAL_SERVER_ERROR: no SQL, stack or path, but a request id', async () => {
    // Break the database under the running app, as an outage or a bad deploy would.
    await withAdminClient(sut.database.url, (client) => client.query('ALTER TABLE local_authority RENAME TO gone'));
    try {
      const response = await sut.client.request('{ localAuthorities { code } }', undefined, {
        'x-request-id': 'req-123',
      });
      const error = response.errors?.[0];
      expect(response.headers.get('x-request-id')).toBe('req-123');
      expect(error?.message).toBe('Internal server error');
      expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-123' });
      expect(JSON.stringify(response)).not.toMatch(/local_authority|SELECT|relation|stack|\/work\/|\.ts/);
    } finally {
      await withAdminClient(sut.database.url, (client) => client.query('ALTER TABLE gone RENAME TO local_authority'));
    }
  });

  it('answers a rejected variable with BAD_USER_INPUT', async () => {
    const response = await sut.client.request(
      'query ($d: LocalDate!) { policeForceArea(code: "W15000001") { governanceOn(date: $d) { type } } }',
      {
        d: '2024-13-45',
      },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('bad input is refused where it is decoded, naming the field, never a 500', () => {
    let admin: Headers;
    let coordinator: Headers;

    beforeAll(async () => {
      ({ admin, coordinator } = await demoCast(sut));
    });

    it('refuses NUL and unpaired surrogates in filters, inputs, scope targets and emails', async () => {
      const filter = await sut.client.request(
        'query ($f: OrganisationFilter) { organisations(filter: $f) { totalCount } }',
        { f: { nameContains: 'news\u0000' } },
      );
      expectRefusal(filter.errors, 'BAD_USER_INPUT', 'INVALID_INPUT', 'filter.nameContains');

      const token = await sut.client.request(
        'mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }',
        { i: { name: 'Screen \ud800', organisationId: NEWPORT_CVS, scopeKind: 'NATIONAL' } },
        coordinator,
      );
      expectRefusal(token.errors, 'BAD_USER_INPUT', 'INVALID_INPUT', 'input.name');

      const scope = await sut.client.request(
        'query ($s: ActivityScope!) { activity(scope: $s) { edges { cursor } } }',
        { s: { kind: 'NETWORK', target: '\u0000' } },
      );
      expectRefusal(scope.errors, 'BAD_USER_INPUT', 'INVALID_INPUT', 'scope.target');

      const invite = await sut.client.request(
        'mutation ($i: InviteToOrganisationInput!) { inviteToOrganisation(input: $i) { token } }',
        { i: { organisationId: NEWPORT_CVS, email: 'new\udfff@example.org' } },
        coordinator,
      );
      expectRefusal(invite.errors, 'BAD_USER_INPUT', 'INVALID_INPUT', 'input.email');
    });

    it('refuses NUL in the query of a plain HTTP route with 400, not 500', async () => {
      const response = await fetch(`${sut.baseUrl}/coverage.csv?specialism=%00`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_INPUT',
        fields: [{ field: 'specialism' }],
      });
    });

    it('refuses forged cursors: a date PostgreSQL would not take, a position past bigint, NUL in a key', async () => {
      const events = await sut.client.request('query ($a: String) { events(after: $a) { totalCount } }', {
        a: cursor('2026', randomUUID()),
      });
      expectRefusal(events.errors, 'BAD_USER_INPUT', 'INVALID_INPUT', 'after');

      const activity = await sut.client.request('query ($a: String) { activity(after: $a) { edges { cursor } } }', {
        a: cursor('99999999999999999999', '1'),
      });
      expectRefusal(activity.errors, 'BAD_USER_INPUT', 'INVALID_INPUT', 'after');

      const networks = await sut.client.request('query ($a: String) { networks(after: $a) { totalCount } }', {
        a: cursor('Gwent\u0000', randomUUID()),
      });
      expectRefusal(networks.errors, 'BAD_USER_INPUT', 'INVALID_INPUT', 'after');
    });

    it('reads an explicit null for a whole optional argument as leaving it out', async () => {
      const { data, errors } = await sut.client.request<{ networks: { totalCount: number } }>(
        'query ($f: NetworkFilter, $a: String) { networks(filter: $f, after: $a) { totalCount } }',
        { f: null, a: null },
      );
      expect(errors).toBeUndefined();
      expect(data?.networks.totalCount).toBeGreaterThan(0);
    });

    it('refuses a rate in exponent notation with more places than it keeps', async () => {
      const { errors } = await sut.client.request(
        'mutation ($i: RecordJusticeDataLabResultInput!) { recordJusticeDataLabResult(input: $i) { result { id } } }',
        {
          i: {
            organisationId: NEWPORT_CVS,
            intervention: 'One-to-one support (test)',
            periodStart: '2024-01-01',
            periodEnd: '2024-12-31',
            treatmentGroupSize: 100,
            comparisonGroupSize: 100,
            treatmentReoffendingRate: 5e-324,
            comparisonReoffendingRate: 30,
            statisticallySignificant: false,
          },
        },
        coordinator,
      );
      expectRefusal(errors, 'BAD_USER_INPUT', 'INVALID_INPUT', 'input.treatmentReoffendingRate');
    });

    it('refuses null for a name that has no "none", and changes nothing', async () => {
      const { networks } = await sut.client.data<{ networks: { edges: { node: { id: string; name: string } }[] } }>(
        'query ($f: NetworkFilter) { networks(filter: $f) { edges { node { id name } } } }',
        { f: { policeForceAreaCode: GWENT } },
      );
      const network = networks.edges[0].node;
      const updateNetwork = await sut.client.request(
        'mutation ($i: UpdateNetworkInput!) { updateNetwork(input: $i) { network { name } } }',
        { i: { networkId: network.id, name: null } },
        admin,
      );
      expectRefusal(updateNetwork.errors, 'BAD_USER_INPUT', 'INVALID_INPUT', 'input.name');

      const updateOrganisation = await sut.client.request(
        'mutation ($i: UpdateOrganisationInput!) { updateOrganisation(input: $i) { organisation { name } } }',
        { i: { id: NEWPORT_CVS, name: null } },
        admin,
      );
      expectRefusal(updateOrganisation.errors, 'BAD_USER_INPUT', 'INVALID_INPUT', 'input.name');

      const after = await sut.client.data<{ network: { name: string }; organisation: { name: string } }>(
        'query ($n: ID!, $o: ID!) { network(id: $n) { name } organisation(id: $o) { name } }',
        { n: network.id, o: NEWPORT_CVS },
      );
      expect(after.network.name).toBe(network.name);
      expect(after.organisation.name).toMatch(/Newport/);
    });

    it('gives every refusal a reason the schema documents: signed out, not permitted, unknown, a domain rule, a race', async () => {
      const reasons = documentedReasons();
      const network = (who: Headers, convenorOrganisationId: string, policeForceAreaCode = GWENT) =>
        sut.client.request(
          'mutation ($i: CreateNetworkInput!) { createNetwork(input: $i) { network { id } } }',
          { i: { name: 'Refused (test)', policeForceAreaCode, convenorOrganisationId } },
          who,
        );
      const answers = {
        NOT_SIGNED_IN: await network({}, NEWPORT_CVS),
        NOT_PERMITTED: await sut.client.request(
          'mutation ($i: UpdateOrganisationInput!) { updateOrganisation(input: $i) { organisation { name } } }',
          { i: { id: MEMBER_GROUP, name: 'Not yours (test)' } },
          coordinator,
        ),
        NOT_FOUND: await network(admin, NEWPORT_CVS, 'E23000099'),
        NOT_A_CVS: await network(admin, MEMBER_GROUP),
        INVALID_INPUT: await sut.client.request('query ($a: String) { networks(after: $a) { totalCount } }', {
          a: 'not a cursor',
        }),
      };
      for (const [reason, answer] of Object.entries(answers)) {
        expect({ reason, errors: answer.errors?.map((e) => e.extensions?.reason) }).toEqual({
          reason,
          errors: [reason],
        });
      }
      expect(Object.keys(answers).filter((reason) => !reasons.includes(reason))).toEqual([]);
    });

    it('answers an API token for an organisation that does not exist NOT_FOUND on the field', async () => {
      const { errors } = await sut.client.request(
        'mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }',
        { i: { name: 'Screen (test)', organisationId: randomUUID(), scopeKind: 'NATIONAL' } },
        admin,
      );
      expectRefusal(errors, 'NOT_FOUND', 'NOT_FOUND', 'input.organisationId');
    });

    it('accepts one of two invitations for one new address accepted at once; the other is refused, not a 500', async () => {
      const invite = async (email: string, as: Headers): Promise<string> =>
        (
          await sut.client.data<{ inviteToOrganisation: { invitation: { id: string } } }>(
            'mutation ($i: InviteToOrganisationInput!) { inviteToOrganisation(input: $i) { invitation { id } } }',
            { i: { organisationId: NEWPORT_CVS, email } },
            as,
          )
        ).inviteToOrganisation.invitation.id;
      const accept = (invitationId: string) =>
        sut.client.request('mutation ($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { role } }', {
          i: {
            token: invitationTokenOf(sut, invitationId),
            displayName: 'Twice (test)',
            password: 'a-long-enough-password',
          },
        });
      // Several addresses, so that at least one pair really races.
      const emails = Array.from({ length: 4 }, () => `twice-${randomUUID()}@example.org`);
      const pairs = await Promise.all(
        emails.map(async (email) => [await invite(email, coordinator), await invite(email, admin)]),
      );
      const answers = await Promise.all(pairs.map((tokens) => Promise.all(tokens.map(accept))));
      for (const pair of answers) {
        const codes = pair.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort();
        // Raced or late, the loser is told the same thing: the account exists now, sign in as it.
        expect(pair.map((a) => a.errors?.[0]?.extensions?.reason ?? 'OK').sort()).toEqual([
          'INVITEE_MUST_SIGN_IN',
          'OK',
        ]);
        // The loser either raced (CONFLICT) or came after the account existed (sign in first).
        expect([
          ['CONFLICT', 'OK'],
          ['OK', 'UNAUTHENTICATED'],
        ]).toContainEqual(codes);
      }
      const people = await withAdminClient(sut.database.url, (client) =>
        client.query<{ n: number }>('SELECT count(*)::int AS n FROM person WHERE email = ANY($1)', [emails]),
      );
      expect(people.rows[0]).toEqual({ n: emails.length });
    });
  });
});
