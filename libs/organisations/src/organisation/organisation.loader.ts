import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, keyedBy, type LoaderFactory } from '@app/common';
import type { LocalAuthorityEntity } from '@app/geography';
import type { SpecialismEntity } from '../specialism/specialism.entity';
import { SpecialismService } from '../specialism/specialism.service';
import type { OrganisationEntity } from './organisation.entity';
import type { OrganisationVerificationEntity } from './organisation-verification.entity';
import { OrganisationService } from './organisation.service';

export interface OrganisationLoaders {
  readonly byId: DataLoader<string, OrganisationEntity>;
  readonly specialismsByOrganisationId: DataLoader<string, SpecialismEntity[]>;
  /** The local authorities each organisation serves, by name (read with geography's rows in one statement). */
  readonly localAuthoritiesByOrganisationId: DataLoader<string, LocalAuthorityEntity[]>;
  /** A platform admin's verification of each organisation, or null while it awaits one. */
  readonly verificationByOrganisationId: DataLoader<string, OrganisationVerificationEntity | null>;
}

/** `localeCompare`'s order (the default locale), without building a collator per comparison. */
const BY_NAME = new Intl.Collator();

@Injectable()
export class OrganisationLoaderFactory implements LoaderFactory<OrganisationLoaders> {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly specialisms: SpecialismService,
  ) {}

  createLoaders(): OrganisationLoaders {
    return {
      byId: new DataLoader(async (ids) => keyedBy(ids, await this.organisations.findByIds(ids), (o) => o.id)),
      specialismsByOrganisationId: new DataLoader(async (ids) => {
        const links = await this.organisations.findSpecialismLinks(ids);
        const vocabulary = new Map(
          (await this.specialisms.findByCodes([...new Set(links.map((l) => l.specialismCode))])).map((s) => [
            s.code,
            s,
          ]),
        );
        return groupBy(ids, links, (l) => l.organisationId).map((group) =>
          group.flatMap((l) => vocabulary.get(l.specialismCode) ?? []),
        );
      }),
      localAuthoritiesByOrganisationId: new DataLoader(async (ids) =>
        groupBy(ids, await this.organisations.localAuthoritiesOf(ids), (l) => l.organisationId).map((group) =>
          group.map((l) => l.localAuthority).sort((a, b) => BY_NAME.compare(a.name, b.name)),
        ),
      ),
      verificationByOrganisationId: new DataLoader(async (ids) => {
        const found = new Map((await this.organisations.findVerifications(ids)).map((v) => [v.organisationId, v]));
        return ids.map((id) => found.get(id) ?? null);
      }),
    };
  }
}
