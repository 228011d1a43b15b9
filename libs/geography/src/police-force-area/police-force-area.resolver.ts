import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Loaders,
  LocalDate,
  type NoArgs,
  type RequestContext,
  RequestLoaders,
  todayIn,
  UK_TIME_ZONE,
} from '@app/common';
import { GovernancePeriod } from '../governance/governance-period.model';
import { periodOn } from '../governance/governance';
import { LocalAuthorityLoaderFactory } from '../local-authority/local-authority.loader';
import { LocalAuthority } from '../local-authority/local-authority.model';
import { PoliceForceAreaArgs } from './dto/police-force-area.args';
import { PoliceForceAreasArgs } from './dto/police-force-areas.args';
import { PoliceForceAreaLoaderFactory } from './police-force-area.loader';
import { PoliceForceArea } from './police-force-area.model';
import { PoliceForceAreaService } from './police-force-area.service';

@Resolver(() => PoliceForceArea)
export class PoliceForceAreaResolver {
  constructor(
    private readonly areas: PoliceForceAreaService,
    private readonly areaLoaders: PoliceForceAreaLoaderFactory,
    private readonly authorityLoaders: LocalAuthorityLoaderFactory,
  ) {}

  @Query(() => [PoliceForceArea], {
    description: 'The 43 police force areas of England and Wales, by display name; optionally filtered.',
  })
  policeForceAreas(@Args() { filter }: PoliceForceAreasArgs): Promise<PoliceForceArea[]> {
    return this.areas.list(filter);
  }

  @Query(() => PoliceForceArea, { description: 'One police force area by ONS code; NOT_FOUND if there is none.' })
  policeForceArea(@Args() { code }: PoliceForceAreaArgs): Promise<PoliceForceArea> {
    return this.areas.getByCode(code);
  }

  @ResolveField(() => [LocalAuthority], { description: 'Local authority districts in the area, by name.' })
  localAuthorities(area: PoliceForceArea, _args: NoArgs, { loaders }: RequestContext): Promise<LocalAuthority[]> {
    return loaders.of(this.authorityLoaders).byAreaId.load(area.id);
  }

  @ResolveField(() => [GovernancePeriod], { description: 'Governance history of the area, oldest first.' })
  governance(area: PoliceForceArea, _args: NoArgs, { loaders }: RequestContext): Promise<GovernancePeriod[]> {
    return loaders.of(this.areaLoaders).governanceByAreaId.load(area.id);
  }

  @ResolveField(() => GovernancePeriod, {
    nullable: true,
    description: 'Governance in force today (UK date).',
  })
  async currentGovernance(
    area: PoliceForceArea,
    _args: NoArgs,
    { loaders }: RequestContext,
  ): Promise<GovernancePeriod | null> {
    return periodOn(await loaders.of(this.areaLoaders).governanceByAreaId.load(area.id), todayIn(UK_TIME_ZONE));
  }

  @ResolveField(() => GovernancePeriod, {
    nullable: true,
    description: 'Governance in force on a given date, e.g. an election day; null before the records begin.',
  })
  async governanceOn(
    @Parent() area: PoliceForceArea,
    @Args('date', { type: () => LocalDate }) date: string,
    @Loaders() loaders: RequestLoaders,
  ): Promise<GovernancePeriod | null> {
    return periodOn(await loaders.of(this.areaLoaders).governanceByAreaId.load(area.id), date);
  }
}
