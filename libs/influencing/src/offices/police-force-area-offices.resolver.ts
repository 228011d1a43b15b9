import { ResolveField, Resolver } from '@nestjs/graphql';
import { type NoArgs, type RequestContext, todayIn, UK_TIME_ZONE } from '@app/common';
import { PoliceForceArea } from '@app/geography';
import { ElectionLoaderFactory } from './election.loader';
import { ElectionContest } from './election.model';
import { OfficeLoaderFactory } from './office.loader';
import { CommissionerOffice, OfficeHolder } from './office.model';
import { officeOf } from './commissioner-office';

/** An area's offices, office-holders and elections, on geography's `PoliceForceArea` type. */
@Resolver(() => PoliceForceArea)
export class PoliceForceAreaOfficesResolver {
  constructor(
    private readonly officeLoaders: OfficeLoaderFactory,
    private readonly electionLoaders: ElectionLoaderFactory,
  ) {}

  @ResolveField(() => [CommissionerOffice], {
    description:
      "The offices that held (hold, or are planned to hold) the area's PCC functions, oldest first, with their office-holders.",
  })
  async offices(area: PoliceForceArea, _args: NoArgs, { loaders }: RequestContext): Promise<CommissionerOffice[]> {
    const today = todayIn(UK_TIME_ZONE);
    return (await loaders.of(this.officeLoaders).periodsByAreaId.load(area.id)).map((p) => officeOf(p, today));
  }

  @ResolveField(() => [OfficeHolder], { description: "Everyone recorded as holding the area's office, by term." })
  officeHolders(area: PoliceForceArea, _args: NoArgs, { loaders }: RequestContext): Promise<OfficeHolder[]> {
    return loaders.of(this.officeLoaders).holdersByAreaId.load(area.id);
  }

  @ResolveField(() => [ElectionContest], { description: "The area's election contests, by polling day." })
  elections(area: PoliceForceArea, _args: NoArgs, { loaders }: RequestContext): Promise<ElectionContest[]> {
    return loaders.of(this.electionLoaders).contestsByAreaId.load(area.id);
  }
}
