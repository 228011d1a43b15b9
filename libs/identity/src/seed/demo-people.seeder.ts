import type { EntityManager } from 'typeorm';
import { seedId } from '@app/common';
import { demoOrganisationId } from '@app/organisations';
import { hashPassword } from '../auth/password';
import { AffiliationEntity, PersonEntity } from '../person/person.entity';
import { AffiliationRole } from '../person/person.enums';

/** Password of every demo login (demo data only; never used for real accounts). */
export const DEMO_PASSWORD = 'convene-demo-2026';

/** One login per role, as listed in the README. */
export const DEMO_LOGINS = [
  {
    key: 'admin',
    email: 'admin@demo.convene.example',
    displayName: 'Ada Admin (demo)',
    platformAdmin: true,
    affiliations: [],
  },
  {
    key: 'coordinator',
    email: 'coordinator@demo.convene.example',
    displayName: 'Cai Coordinator (demo)',
    platformAdmin: false,
    affiliations: [{ organisation: 'cvs:W06000022', role: AffiliationRole.ORG_ADMIN }],
  },
  {
    key: 'member',
    email: 'member@demo.convene.example',
    displayName: 'Mo Member (demo)',
    platformAdmin: false,
    affiliations: [{ organisation: 'local:W15000002:0', role: AffiliationRole.STAFF }],
  },
  {
    key: 'partner',
    email: 'partner@demo.convene.example',
    displayName: 'Pat Partner (demo)',
    platformAdmin: false,
    affiliations: [{ organisation: 'national:women', role: AffiliationRole.STAFF }],
  },
] as const;

export const demoPersonId = (key: string): string => seedId('demo_person', key);

/** Loads the demo logins (idempotent: fixed ids, upserts, affiliations rewritten). */
export async function seedDemoPeople(manager: EntityManager): Promise<{ people: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await manager.transaction(async (tx) => {
    await tx.upsert(
      PersonEntity,
      DEMO_LOGINS.map((login) => ({
        id: demoPersonId(login.key),
        email: login.email,
        displayName: login.displayName,
        platformAdmin: login.platformAdmin,
        passwordHash,
      })),
      ['id'],
    );
    for (const login of DEMO_LOGINS) {
      await tx.delete(AffiliationEntity, { personId: demoPersonId(login.key) });
      for (const affiliation of login.affiliations) {
        await tx.insert(AffiliationEntity, {
          personId: demoPersonId(login.key),
          organisationId: demoOrganisationId(affiliation.organisation),
          role: affiliation.role,
        });
      }
    }
  });
  return { people: DEMO_LOGINS.length };
}

/** The demo logins present in a database, by email (their password is published in the README). */
export async function findDemoLogins(manager: EntityManager): Promise<string[]> {
  const [table] = await manager.query<{ found: string | null }[]>(`SELECT to_regclass('person')::text AS found`);
  if (!table?.found) {
    return []; // not migrated yet
  }
  const rows = await manager.query<{ email: string }[]>(
    'SELECT email FROM person WHERE id = ANY($1) OR email = ANY($2) ORDER BY email',
    [DEMO_LOGINS.map((login) => demoPersonId(login.key)), DEMO_LOGINS.map((login) => login.email)],
  );
  return rows.map((row) => row.email);
}

/**
 * Deletes the demo logins, with their sessions, API tokens and the invitations they sent (which
 * would otherwise keep them). The fictional organisations and networks stay: they hold no login.
 */
export async function removeDemoLogins(manager: EntityManager): Promise<{ people: number }> {
  const ids = DEMO_LOGINS.map((login) => demoPersonId(login.key));
  const emails = DEMO_LOGINS.map((login) => login.email);
  return manager.transaction(async (tx) => {
    const people = await tx.query<{ id: string }[]>('SELECT id FROM person WHERE id = ANY($1) OR email = ANY($2)', [
      ids,
      emails,
    ]);
    const found = people.map((p) => p.id);
    if (found.length === 0) {
      return { people: 0 };
    }
    await tx.query('DELETE FROM api_token WHERE created_by_id = ANY($1)', [found]);
    await tx.query('DELETE FROM invitation WHERE invited_by_id = ANY($1)', [found]);
    await tx.query('DELETE FROM person WHERE id = ANY($1)', [found]);
    return { people: found.length };
  });
}
