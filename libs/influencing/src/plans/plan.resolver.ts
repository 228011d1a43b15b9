import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type ActorRef, CallingActor, type NoArgs, type RequestContext, todayIn, UK_TIME_ZONE } from '@app/common';
import { JointPosition, JointPositionPayload } from '@app/drafting';
import { PoliceForceArea, PoliceForceAreaLoaderFactory } from '@app/geography';
import { Organisation, OrganisationLoaderFactory } from '@app/organisations';
import { PlanFlowsService } from './plan-flows.service';
import {
  CiteEvidenceInput,
  DeclarePositionPrioritiesInput,
  RecordJusticeDataLabResultInput,
  RecordPoliceCrimePlanInput,
  WithdrawEvidenceInput,
} from './plan.input';
import { PlanLoaderFactory } from './plan.loader';
import {
  JusticeDataLabResult,
  JusticeDataLabResultPayload,
  PlanPriority,
  PoliceCrimePlan,
  PoliceCrimePlanPayload,
} from './plan.model';

@Resolver(() => PoliceCrimePlan)
export class PoliceCrimePlanResolver {
  constructor(
    private readonly planLoaders: PlanLoaderFactory,
    private readonly areaLoaders: PoliceForceAreaLoaderFactory,
  ) {}

  @ResolveField(() => [PlanPriority], { description: 'In the order of the plan.' })
  priorities(plan: PoliceCrimePlan, _args: NoArgs, { loaders }: RequestContext): Promise<PlanPriority[]> {
    return loaders.of(this.planLoaders).prioritiesByPlanId.load(plan.id);
  }

  @ResolveField(() => PoliceForceArea)
  policeForceArea(plan: PoliceCrimePlan, _args: NoArgs, { loaders }: RequestContext): Promise<PoliceForceArea> {
    return loaders.of(this.areaLoaders).byId.load(plan.policeForceAreaId);
  }

  @ResolveField({ description: 'Whether its consultation is open today.' })
  consultationOpen(@Parent() plan: PoliceCrimePlan): boolean {
    const today = todayIn(UK_TIME_ZONE);
    return (
      plan.consultationOpens !== null &&
      plan.consultationOpens <= today &&
      (plan.consultationCloses === null || today <= plan.consultationCloses)
    );
  }
}

/** Influencing fields on other contexts' types. */
@Resolver(() => PoliceForceArea)
export class AreaPlansResolver {
  constructor(private readonly planLoaders: PlanLoaderFactory) {}

  @ResolveField(() => [PoliceCrimePlan], { description: 'Its police and crime plans, newest first.' })
  policeCrimePlans(area: PoliceForceArea, _args: NoArgs, { loaders }: RequestContext): Promise<PoliceCrimePlan[]> {
    return loaders.of(this.planLoaders).plansByAreaId.load(area.id);
  }
}

@Resolver(() => JointPosition)
export class PositionInfluenceResolver {
  constructor(private readonly planLoaders: PlanLoaderFactory) {}

  @ResolveField(() => [PlanPriority], { description: 'The police and crime plan priorities it declares it addresses.' })
  addresses(position: JointPosition, _args: NoArgs, { loaders }: RequestContext): Promise<PlanPriority[]> {
    return loaders.of(this.planLoaders).prioritiesByPositionId.load(position.id);
  }

  @ResolveField(() => [JusticeDataLabResult], { description: 'Justice Data Lab results it cites.' })
  evidence(position: JointPosition, _args: NoArgs, { loaders }: RequestContext): Promise<JusticeDataLabResult[]> {
    return loaders.of(this.planLoaders).evidenceByPositionId.load(position.id);
  }
}

@Resolver(() => Organisation)
export class OrganisationEvidenceResolver {
  constructor(private readonly planLoaders: PlanLoaderFactory) {}

  @ResolveField(() => [JusticeDataLabResult], { description: 'Justice Data Lab results it publishes, newest first.' })
  justiceDataLabResults(
    organisation: Organisation,
    _args: NoArgs,
    { loaders }: RequestContext,
  ): Promise<JusticeDataLabResult[]> {
    return loaders.of(this.planLoaders).resultsByOrganisationId.load(organisation.id);
  }
}

@Resolver(() => JusticeDataLabResult)
export class JusticeDataLabResultResolver {
  constructor(private readonly organisationLoaders: OrganisationLoaderFactory) {}

  @ResolveField(() => Organisation)
  organisation(result: JusticeDataLabResult, _args: NoArgs, { loaders }: RequestContext): Promise<Organisation> {
    return loaders.of(this.organisationLoaders).byId.load(result.organisationId);
  }

  @ResolveField({
    description: 'Comparison rate minus treatment rate, in percentage points (positive: less reoffending).',
  })
  reduction(@Parent() result: JusticeDataLabResult): number {
    return Math.round((result.comparisonReoffendingRate - result.treatmentReoffendingRate) * 100) / 100;
  }
}

/** Plans, priorities and evidence; who may is decided by the operation policy before these run. */
@Resolver()
export class PlanMutationResolver {
  constructor(private readonly flows: PlanFlowsService) {}

  @Mutation(() => PoliceCrimePlanPayload, { description: "Records an area's police and crime plan (platform admins)." })
  async recordPoliceCrimePlan(
    @Args('input') input: RecordPoliceCrimePlanInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<PoliceCrimePlanPayload> {
    return { plan: await this.flows.recordPlan(viewer, input) };
  }

  @Mutation(() => JointPositionPayload, {
    description: "Declares which plan priorities a joint position addresses (the network's members).",
  })
  async declarePositionPriorities(
    @Args('input') input: DeclarePositionPrioritiesInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<JointPositionPayload> {
    return { position: await this.flows.declarePriorities(viewer, input) };
  }

  @Mutation(() => JusticeDataLabResultPayload, {
    description: "Records a Justice Data Lab result on an organisation's profile (its admins).",
  })
  async recordJusticeDataLabResult(
    @Args('input') input: RecordJusticeDataLabResultInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<JusticeDataLabResultPayload> {
    return { result: await this.flows.recordResult(viewer, input) };
  }

  @Mutation(() => JointPositionPayload, {
    description: "Withdraws a cited Justice Data Lab result from a joint position (the network's members).",
  })
  async withdrawEvidence(
    @Args('input') input: WithdrawEvidenceInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<JointPositionPayload> {
    return { position: await this.flows.withdraw(viewer, input) };
  }

  @Mutation(() => JointPositionPayload, {
    description: "Cites a Justice Data Lab result as evidence in a joint position (the network's members).",
  })
  async citeEvidence(
    @Args('input') input: CiteEvidenceInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<JointPositionPayload> {
    return { position: await this.flows.cite(viewer, input) };
  }
}
