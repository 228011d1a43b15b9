import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, keyedBy, type LoaderFactory } from '@app/common';
import type { LocalAuthorityEntity } from './local-authority.entity';
import { LocalAuthorityService, type PartnershipOfAuthority } from './local-authority.service';

export interface LocalAuthorityLoaders {
  readonly byId: DataLoader<string, LocalAuthorityEntity>;
  readonly byAreaId: DataLoader<string, LocalAuthorityEntity[]>;
  readonly partnershipsByAuthorityId: DataLoader<string, PartnershipOfAuthority['partnership'][]>;
}

@Injectable()
export class LocalAuthorityLoaderFactory implements LoaderFactory<LocalAuthorityLoaders> {
  constructor(private readonly authorities: LocalAuthorityService) {}

  createLoaders(): LocalAuthorityLoaders {
    return {
      byId: new DataLoader(async (ids) => keyedBy(ids, await this.authorities.findByIds(ids), (a) => a.id)),
      byAreaId: new DataLoader(async (ids) =>
        groupBy(ids, await this.authorities.findByAreaIds(ids), (a) => a.policeForceAreaId),
      ),
      partnershipsByAuthorityId: new DataLoader(async (ids) => {
        const links = await this.authorities.findPartnerships(ids);
        const grouped = groupBy(ids, links, (l) => l.localAuthorityId);
        return grouped.map((group) => group.map((l) => l.partnership));
      }),
    };
  }
}
