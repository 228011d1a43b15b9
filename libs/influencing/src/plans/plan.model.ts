import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PoliceCrimePlan', {
  description: "An area's police and crime plan: its period, consultation and priorities.",
})
export class PoliceCrimePlan {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  periodStart!: string;

  @Field(() => String, { nullable: true, description: 'Last day it covers (YYYY-MM-DD); null if open-ended.' })
  periodEnd!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  consultationOpens!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the consultation (YYYY-MM-DD).' })
  consultationCloses!: string | null;

  @Field(() => String, { nullable: true })
  documentUrl!: string | null;

  policeForceAreaId!: string;
}

@ObjectType('PlanPriority', { description: 'A priority of a police and crime plan, in the plan’s order.' })
export class PlanPriority {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  planId!: string;

  @Field(() => Int, { description: 'Its place in the plan, from 1.' })
  ordinal!: number;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

@ObjectType('JusticeDataLabResult', {
  description:
    "A Justice Data Lab result on an organisation's profile: one-year proven reoffending of the people it worked with against a matched comparison group.",
})
export class JusticeDataLabResult {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field()
  intervention!: string;

  @Field({ description: 'First day of the period the treatment group started (YYYY-MM-DD).' })
  periodStart!: string;

  @Field({ description: 'Last day of that period (YYYY-MM-DD).' })
  periodEnd!: string;

  @Field(() => Int)
  treatmentGroupSize!: number;

  @Field(() => Int)
  comparisonGroupSize!: number;

  @Field(() => Float, { description: 'One-year proven reoffending rate of the treatment group, in per cent.' })
  treatmentReoffendingRate!: number;

  @Field(() => Float, { description: 'The same for the matched comparison group, in per cent.' })
  comparisonReoffendingRate!: number;

  @Field()
  statisticallySignificant!: boolean;

  @Field(() => String, { nullable: true })
  reportUrl!: string | null;

  @Field({ name: 'recordedAt' })
  createdAt!: Date;
}

@ObjectType('PoliceCrimePlanPayload')
export class PoliceCrimePlanPayload {
  @Field(() => PoliceCrimePlan)
  plan!: PoliceCrimePlan;
}

@ObjectType('JusticeDataLabResultPayload')
export class JusticeDataLabResultPayload {
  @Field(() => JusticeDataLabResult)
  result!: JusticeDataLabResult;
}
