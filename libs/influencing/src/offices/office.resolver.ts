import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '@app/common';
import { PoliceForceArea } from '@app/geography';
import { rangesOverlap } from './calendar-dates';
import { OfficeLoaderFactory } from './office.loader';
import { CommissionerOffice, OfficeHolder } from './office.model';

@Resolver(() => CommissionerOffice)
export class CommissionerOfficeResolver {
  constructor(private readonly officeLoaders: OfficeLoaderFactory) {}

  @ResolveField(() => [OfficeHolder], { description: 'Office-holders whose terms overlap the period, by term.' })
  async holders(@Parent() office: CommissionerOffice, @Loaders() loaders: RequestLoaders): Promise<OfficeHolder[]> {
    const all = await loaders.of(this.officeLoaders).holdersByAreaId.load(office.policeForceAreaId);
    const period = { start: office.since, end: office.until };
    return all.filter((h) => rangesOverlap(period, { start: h.termStart, end: h.termEnd }));
  }
}

@Resolver(() => OfficeHolder)
export class OfficeHolderResolver {
  constructor(private readonly officeLoaders: OfficeLoaderFactory) {}

  @ResolveField(() => Boolean, { description: 'True when the office-holder stood for no party.' })
  independent(@Parent() holder: OfficeHolder): boolean {
    return holder.party === null;
  }

  @ResolveField(() => PoliceForceArea, { description: 'The area whose office it is.' })
  policeForceArea(@Parent() holder: OfficeHolder, @Loaders() loaders: RequestLoaders): Promise<PoliceForceArea> {
    return loaders.of(this.officeLoaders).areaById.load(holder.policeForceAreaId);
  }
}
