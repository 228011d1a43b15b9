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
