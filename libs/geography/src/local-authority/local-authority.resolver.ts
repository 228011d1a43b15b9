import { Args, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type NoArgs, type RequestContext } from '@app/common';
import { CommunitySafetyPartnership } from '../community-safety-partnership/community-safety-partnership.model';
import { PoliceForceAreaLoaderFactory } from '../police-force-area/police-force-area.loader';
import { PoliceForceArea } from '../police-force-area/police-force-area.model';
import { LocalAuthoritiesArgs } from './dto/local-authorities.args';
import { LocalAuthorityArgs } from './dto/local-authority.args';
import type { LocalAuthorityEntity } from './local-authority.entity';
import { LocalAuthorityLoaderFactory } from './local-authority.loader';
import { LocalAuthority } from './local-authority.model';
import { LocalAuthorityService } from './local-authority.service';

@Resolver(() => LocalAuthority)
export class LocalAuthorityResolver {
  constructor(
    private readonly authorities: LocalAuthorityService,
    private readonly authorityLoaders: LocalAuthorityLoaderFactory,
    private readonly areaLoaders: PoliceForceAreaLoaderFactory,
  ) {}

  @Query(() => [LocalAuthority], {
    description: 'Local authority districts of England and Wales (318), by name; optionally filtered.',
  })
  localAuthorities(@Args() { filter }: LocalAuthoritiesArgs): Promise<LocalAuthority[]> {
    return this.authorities.list(filter);
  }

  @Query(() => LocalAuthority, { description: 'One local authority by ONS code; NOT_FOUND if there is none.' })
  localAuthority(@Args() { code }: LocalAuthorityArgs): Promise<LocalAuthority> {
    return this.authorities.getByCode(code);
  }

  @ResolveField(() => PoliceForceArea, { description: 'The police force area the authority lies in.' })
  policeForceArea(
    authority: LocalAuthorityEntity,
    _args: NoArgs,
    { loaders }: RequestContext,
  ): Promise<PoliceForceArea> {
    return loaders.of(this.areaLoaders).byId.load(authority.policeForceAreaId);
  }

  @ResolveField(() => [CommunitySafetyPartnership], {
    description: 'Community safety partnerships the authority belongs to (usually one; a few have several).',
  })
  communitySafetyPartnerships(
    authority: LocalAuthority,
    _args: NoArgs,
    { loaders }: RequestContext,
  ): Promise<CommunitySafetyPartnership[]> {
    return loaders.of(this.authorityLoaders).partnershipsByAuthorityId.load(authority.id);
  }
}
