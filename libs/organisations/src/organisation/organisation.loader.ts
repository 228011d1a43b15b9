import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, keyedBy, type LoaderFactory } from '@app/common';
import type { SpecialismEntity } from '../specialism/specialism.entity';
import { SpecialismService } from '../specialism/specialism.service';
import type { OrganisationEntity } from './organisation.entity';
import type { OrganisationVerificationEntity } from './organisation-verification.entity';
import { OrganisationService } from './organisation.service';

export interface OrganisationLoaders {
  readonly byId: DataLoader<string, OrganisationEntity>;
  readonly specialismsByOrganisationId: DataLoader<string, SpecialismEntity[]>;
  /** Ids of the local authorities each organisation serves (resolved by geography's loaders). */
  readonly localAuthorityIdsByOrganisationId: DataLoader<string, string[]>;
  /** A platform admin's verification of each organisation, or null while it awaits one. */
  readonly verificationByOrganisationId: DataLoader<string, OrganisationVerificationEntity | null>;
}

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
      localAuthorityIdsByOrganisationId: new DataLoader(async (ids) =>
        groupBy(ids, await this.organisations.findLocalAuthorityLinks(ids), (l) => l.organisationId).map((group) =>
          group.map((l) => l.localAuthorityId),
        ),
      ),
      verificationByOrganisationId: new DataLoader(async (ids) => {
        const found = new Map((await this.organisations.findVerifications(ids)).map((v) => [v.organisationId, v]));
        return ids.map((id) => found.get(id) ?? null);
      }),
    };
  }
}
