import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  type ActorRef,
  CallingActor,
  type Connection,
  Loaders,
  type NoArgs,
  type RequestContext,
  RequestLoaders,
} from '@app/common';
import { LocalAuthority } from '@app/geography';
import { Specialism } from '../specialism/specialism.model';
import { OrganisationArgs } from './dto/organisation.args';
import { OrganisationsArgs } from './dto/organisations.args';
import { OrganisationLoaderFactory } from './organisation.loader';
import { Organisation, OrganisationConnection, OrganisationVerification } from './organisation.model';
import { OrganisationKind, VerificationStatus } from './organisation.enums';
import { OrganisationService } from './organisation.service';

@Resolver(() => Organisation)
export class OrganisationResolver {
  constructor(
    private readonly service: OrganisationService,
    private readonly organisationLoaders: OrganisationLoaderFactory,
  ) {}

  @Query(() => Organisation, { description: 'One organisation by id; NOT_FOUND if there is none.' })
  organisation(@Args() { id }: OrganisationArgs): Promise<Organisation> {
    return this.service.getById(id);
  }

  @Query(() => OrganisationConnection, { description: 'Organisations by name, a page at a time; optionally filtered.' })
  organisations(@Args() { filter, first, after }: OrganisationsArgs): Promise<Connection<Organisation>> {
    return this.service.list(filter, { first, after });
  }

  @ResolveField('specialisms', () => [Specialism], { description: 'Specialisms the organisation works in, by code.' })
  specialismsOf(organisation: Organisation, _args: NoArgs, { loaders }: RequestContext): Promise<Specialism[]> {
    return loaders.of(this.organisationLoaders).specialismsByOrganisationId.load(organisation.id);
  }

  @ResolveField(() => [LocalAuthority], {
    description: 'Local authority districts the organisation serves (a national partner may serve none).',
  })
  localAuthorities(organisation: Organisation, _args: NoArgs, { loaders }: RequestContext): Promise<LocalAuthority[]> {
    return loaders.of(this.organisationLoaders).localAuthoritiesByOrganisationId.load(organisation.id);
  }

  @ResolveField(() => OrganisationVerification, {
    nullable: true,
    description:
      'For a CVS, whether its claim to be one is verified (the evidence for platform admins only); null for other kinds.',
  })
  async verification(
    @Parent() organisation: Organisation,
    @Loaders() loaders: RequestLoaders,
    @CallingActor() viewer: ActorRef,
  ): Promise<OrganisationVerification | null> {
    if (organisation.kind !== OrganisationKind.CVS) {
      return null;
    }
    const verified = await loaders.of(this.organisationLoaders).verificationByOrganisationId.load(organisation.id);
    if (!verified) {
      return {
        status: VerificationStatus.AWAITING_VERIFICATION,
        verifiedAt: null,
        evidence: null,
        verifiedByPersonId: null,
      };
    }
    const admin = viewer.platformAdmin === true;
    return {
      status: VerificationStatus.VERIFIED,
      verifiedAt: verified.verifiedAt,
      evidence: admin
        ? {
            charityNumberChecked: verified.charityNumberChecked,
            nationalBodyMember: verified.nationalBodyMember,
            note: verified.note,
          }
        : null,
      verifiedByPersonId: admin ? verified.verifiedByPersonId : null,
    };
  }
}
