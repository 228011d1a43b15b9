import { Client as PgClient } from 'pg';
import { DEMO_PASSWORD, hashSecretToken, newSecretToken } from '@app/identity';
import { type Fixture, unique } from './operation-fixtures';
import type { TestApp } from './test-app';

/** A new person holding a token of `table` (password_token or email_change), as the emailed link carries. */
async function freshLinkToken(app: TestApp, table: 'password_token' | 'email_change'): Promise<string> {
  const token = newSecretToken();
  const client = new PgClient({ connectionString: app.database.url });
  await client.connect();
  try {
    const email = `link-${unique().toLowerCase()}@example.org`;
    await client.query(
      table === 'password_token'
        ? `WITH p AS (INSERT INTO person (email, display_name) VALUES ($1, 'Link Fixture') RETURNING id)
           INSERT INTO password_token (person_id, token_hash, expires_at, purpose)
           SELECT id, $2, now() + interval '1 hour', 'RESET' FROM p`
        : `WITH p AS (INSERT INTO person (email, display_name) VALUES ($1, 'Link Fixture') RETURNING id)
           INSERT INTO email_change (person_id, new_email, token_hash, expires_at)
           SELECT id, 'new-' || $1, $2, now() + interval '1 hour' FROM p`,
      [email, hashSecretToken(token)],
    );
  } finally {
    await client.end();
  }
  return token;
}

/** Account recovery and notifications: each call works on its own (fresh tokens, unique addresses). */
export const NOTIFICATION_FIXTURES: Record<string, Fixture> = {
  'Mutation.requestPasswordReset': {
    document: 'mutation ($e: String!) { requestPasswordReset(input: { email: $e }) { requested } }',
    variables: () => ({ e: 'partner@demo.convene.example' }),
  },
  'Mutation.resetPassword': {
    document:
      'mutation ($t: String!) { resetPassword(input: { token: $t, password: "a-long-enough-password" }) { person { email } } }',
    variables: async (app) => ({ t: await freshLinkToken(app, 'password_token') }),
  },
  'Mutation.confirmEmailChange': {
    document: 'mutation ($t: String!) { confirmEmailChange(input: { token: $t }) { person { email } } }',
    variables: async (app) => ({ t: await freshLinkToken(app, 'email_change') }),
  },
  // The demo password stays the same, so later sign-ins with it still work.
  'Mutation.changePassword': {
    document:
      'mutation ($p: String!) { changePassword(input: { currentPassword: $p, newPassword: $p }) { person { email } } }',
    variables: () => ({ p: DEMO_PASSWORD }),
  },
  'Mutation.requestEmailChange': {
    document:
      'mutation ($e: String!, $p: String!) { requestEmailChange(input: { newEmail: $e, password: $p }) { requested } }',
    variables: () => ({ e: `moved-${unique().toLowerCase()}@example.org`, p: DEMO_PASSWORD }),
  },
  'Query.notifications': {
    document: '{ notifications(first: 5) { totalCount edges { node { id title read } } } }',
    variables: () => ({}),
  },
  'Mutation.updateNotificationPreferences': {
    document:
      'mutation { updateNotificationPreferences(input: { digestHour: 7, preferences: [{ category: COMMITMENTS, frequency: DAILY }] }) { notificationPreferences { digestHour } } }',
    variables: () => ({}),
  },
  'Mutation.markNotificationsRead': {
    document: 'mutation { markNotificationsRead(input: {}) { marked } }',
    variables: () => ({}),
  },
};
