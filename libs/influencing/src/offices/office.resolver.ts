import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type NoArgs, type RequestContext } from '@app/common';
import { PoliceForceArea } from '@app/geography';
import { rangesOverlap } from './calendar-dates';
import { OfficeLoaderFactory } from './office.loader';
import { CommissionerOffice, OfficeHolder } from './office.model';

@Resolver(() => CommissionerOffice)
export class CommissionerOfficeResolver {
  constructor(private readonly officeLoaders: OfficeLoaderFactory) {}

  @ResolveField(() => [OfficeHolder], { description: 'Office-holders whose terms overlap the period, by term.' })
  async holders(office: CommissionerOffice, _args: NoArgs, { loaders }: RequestContext): Promise<OfficeHolder[]> {
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
  policeForceArea(holder: OfficeHolder, _args: NoArgs, { loaders }: RequestContext): Promise<PoliceForceArea> {
    return loaders.of(this.officeLoaders).areaById.load(holder.policeForceAreaId);
  }
}
