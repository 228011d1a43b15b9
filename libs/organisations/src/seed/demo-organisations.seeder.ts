import { type EntityManager, In } from 'typeorm';
import { seedId } from '@app/common';
import { LocalAuthorityEntity } from '@app/geography';
import {
  OrganisationLocalAuthorityEntity,
  OrganisationSpecialismEntity,
} from '../organisation/organisation-links.entity';
import { OrganisationVerificationEntity } from '../organisation/organisation-verification.entity';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { OrganisationKind, OrganisationStatus } from '../organisation/organisation.enums';

/** Police force areas that get a demo CVS in every local authority: Gwent, Cleveland, Merseyside. */
export const DEMO_AREAS = ['W15000002', 'E23000013', 'E23000004'] as const;

interface DemoOrganisation {
  readonly key: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly specialisms: readonly string[];
  /** ONS codes of the local authorities served. */
  readonly serves: readonly string[];
  readonly charityNumber?: string;
}

/** Fixed id of a demo organisation, for tests and docs: `cvs:<LAD code>` or a partner key. */
export function demoOrganisationId(key: string): string {
  return seedId('demo_organisation', key);
}

const NATIONAL_PARTNERS: DemoOrganisation[] = [
  {
    key: 'national:women',
    name: "Women's Justice Network (demo)",
    kind: OrganisationKind.NATIONAL_PARTNER,
    specialisms: ['WOMEN', 'VICTIMS'],
    serves: [],
  },
  {
    key: 'national:youth',
    name: 'Youth Justice Alliance (demo)',
    kind: OrganisationKind.NATIONAL_PARTNER,
    specialisms: ['CHILDREN_AND_YOUNG_PEOPLE', 'YOUNG_ADULTS'],
    serves: [],
  },
  {
    key: 'national:recovery',
    name: 'Recovery First (demo)',
    kind: OrganisationKind.NATIONAL_PARTNER,
    specialisms: ['DRUGS_AND_ALCOHOL', 'MENTAL_HEALTH'],
    serves: [],
  },
  {
    key: 'national:equality',
    name: 'Equal Justice Collective (demo)',
    kind: OrganisationKind.NATIONAL_PARTNER,
    specialisms: ['RACIALLY_MINORITISED_COMMUNITIES'],
    serves: [],
  },
  {
    key: 'national:infrastructure',
    name: 'Local Action Infrastructure Trust (demo)',
    kind: OrganisationKind.NATIONAL_PARTNER,
    specialisms: [],
    serves: [],
  },
];

/** Voluntary organisations per demo area: [name stem, specialisms, how many of the area's LADs]. */
const LOCAL_SERVICES: [string, string[], number][] = [
  ['Women’s Centre', ['WOMEN', 'VICTIMS', 'MENTAL_HEALTH'], 2],
  // Racially minoritised young people too: in Gwent's demo network it brings that priority where it serves
  // (the national equality partner there serves no local authority, so it brings none).
  ['Youth Projects', ['CHILDREN_AND_YOUNG_PEOPLE', 'YOUNG_ADULTS', 'RACIALLY_MINORITISED_COMMUNITIES', 'ARTS'], 1],
  ['Recovery Community', ['DRUGS_AND_ALCOHOL', 'HOUSING'], 3],
  ['Restorative Voices', ['RESTORATIVE_JUSTICE', 'VICTIMS', 'FAMILIES'], 1],
];

/**
 * Loads the fictional demo organisations (every name ends in "(demo)"): a CVS per local
 * authority of the demo areas, local voluntary organisations, and national partners.
 * Idempotent: fixed ids, upserts, and the demo organisations' links rewritten.
 */
export async function seedDemoOrganisations(manager: EntityManager): Promise<{ organisations: number }> {
  const authorities = await manager
    .getRepository(LocalAuthorityEntity)
    .createQueryBuilder('a')
    .innerJoin('a.policeForceArea', 'p')
    .where('p.code IN (:...areas)', { areas: [...DEMO_AREAS] })
    .addSelect('p.code', 'area_code')
    .orderBy('a.code')
    .getRawAndEntities();
  const areaOf = new Map(authorities.raw.map((r: { a_code: string; area_code: string }) => [r.a_code, r.area_code]));
  const demo: DemoOrganisation[] = [...NATIONAL_PARTNERS];
  let charity = 9_000_001; // outside the range the Charity Commission has issued
  for (const authority of authorities.entities) {
    demo.push({
      key: `cvs:${authority.code}`,
      name: `${authority.name} Voluntary Action (demo)`,
      kind: OrganisationKind.CVS,
      specialisms: [],
      serves: [authority.code],
      charityNumber: String(charity++),
    });
  }
  for (const area of DEMO_AREAS) {
    const inArea = authorities.entities.filter((a) => areaOf.get(a.code) === area);
    LOCAL_SERVICES.forEach(([stem, specialisms, count], i) => {
      const served = inArea.slice(i % inArea.length, (i % inArea.length) + count);
      demo.push({
        key: `local:${area}:${i}`,
        name: `${served[0]?.name ?? area} ${stem} (demo)`,
        kind: OrganisationKind.VOLUNTARY_ORGANISATION,
        specialisms,
        serves: served.map((a) => a.code),
        charityNumber: String(charity++),
      });
    });
  }

  const idOfAuthority = new Map(authorities.entities.map((a) => [a.code, a.id]));
  return manager.transaction(async (tx) => {
    const ids = demo.map((o) => demoOrganisationId(o.key));
    await tx.upsert(
      OrganisationEntity,
      demo.map((o) => ({
        id: demoOrganisationId(o.key),
        name: o.name,
        kind: o.kind,
        charityNumber: o.charityNumber ?? null,
        companyNumber: null,
        website: null,
        contactEmail: `hello+${o.key.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}@example.org`,
        status: OrganisationStatus.ACTIVE,
        archivedAt: null,
      })),
      ['id'],
    );
    await tx.delete(OrganisationSpecialismEntity, { organisationId: In(ids) });
    await tx.delete(OrganisationLocalAuthorityEntity, { organisationId: In(ids) });
    await tx.insert(
      OrganisationSpecialismEntity,
      demo.flatMap((o) =>
        o.specialisms.map((code) => ({ organisationId: demoOrganisationId(o.key), specialismCode: code })),
      ),
    );
    await tx.insert(
      OrganisationLocalAuthorityEntity,
      demo.flatMap((o) =>
        o.serves.map((code) => ({
          organisationId: demoOrganisationId(o.key),
          localAuthorityId: idOfAuthority.get(code) ?? '',
        })),
      ),
    );
    // The demo CVSs are verified, as a platform admin would after checking their charity numbers.
    await tx.upsert(
      OrganisationVerificationEntity,
      demo
        .filter((o) => o.kind === OrganisationKind.CVS)
        .map((o) => ({
          organisationId: demoOrganisationId(o.key),
          verifiedByPersonId: null,
          charityNumberChecked: true,
          nationalBodyMember: true,
          note: 'Demo data: verified by the seed.',
        })),
      ['organisationId'],
    );
    return { organisations: demo.length };
  });
}
