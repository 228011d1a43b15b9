import { Field, ObjectType } from '@nestjs/graphql';
import { LocalDate } from '@app/common';
import { Certainty, GovernanceType } from '../geography.enums';

@ObjectType('GovernancePeriod', {
  description:
    'A period during which one office held the police and crime commissioner functions of an area: from `since` (inclusive) to `until` (exclusive).',
})
export class GovernancePeriod {
  @Field(() => GovernanceType)
  type!: GovernanceType;

  @Field({ description: 'The office holding the functions (not a person: people change, offices persist).' })
  office!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'First day of the period; null when it predates the records.',
  })
  since!: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'First day after the period; null while it lasts. May be in the future for a planned change.',
  })
  until!: string | null;

  @Field(() => Certainty, { description: 'How sure the reference data is of these dates.' })
  certainty!: Certainty;

  @Field(() => String, { nullable: true })
  notes!: string | null;
}
