import { Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type NoArgs, type RequestContext } from '@app/common';
import { Organisation, OrganisationLoaderFactory, OrganisationVerification } from '@app/organisations';
import { type Actor, CurrentActor } from '../auth/actor';
import { Affiliation, Person } from './person.model';
import { PersonLoaderFactory } from './person.loader';
import { PersonService } from './person.service';

@Resolver(() => Person)
export class PersonResolver {
  constructor(
    private readonly people: PersonService,
    private readonly personLoaders: PersonLoaderFactory,
  ) {}

  @Query(() => Person, { nullable: true, description: 'The signed-in person; null when signed out.' })
  async me(@CurrentActor() actor: Actor): Promise<Person | null> {
    return actor.kind === 'PERSON' ? this.people.getById(actor.personId) : null;
  }

  @ResolveField(() => [Affiliation], { description: 'Organisations the person works for, and in what role.' })
  affiliations(person: Person, _args: NoArgs, { loaders }: RequestContext): Promise<Affiliation[]> {
    return loaders.of(this.personLoaders).affiliationsByPersonId.load(person.id);
  }
}

@Resolver(() => Affiliation)
export class AffiliationResolver {
  constructor(private readonly organisationLoaders: OrganisationLoaderFactory) {}

  @ResolveField(() => Organisation)
  organisation(affiliation: Affiliation, _args: NoArgs, { loaders }: RequestContext): Promise<Organisation> {
    return loaders.of(this.organisationLoaders).byId.load(affiliation.organisationId);
  }
}

@Resolver(() => OrganisationVerification)
export class OrganisationVerificationResolver {
  constructor(private readonly personLoaders: PersonLoaderFactory) {}

  @ResolveField(() => Person, {
    nullable: true,
    description: 'The platform admin who verified: platform admins only (null for others, and for the demo seed).',
  })
  async verifiedBy(
    verification: OrganisationVerification,
    _args: NoArgs,
    { loaders }: RequestContext,
  ): Promise<Person | null> {
    // verifiedByPersonId is left empty for viewers who are not platform admins (the organisations resolver)
    return verification.verifiedByPersonId
      ? loaders.of(this.personLoaders).byId.load(verification.verifiedByPersonId)
      : null;
  }
}
