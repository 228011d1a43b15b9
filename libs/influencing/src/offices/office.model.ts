import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Certainty, GovernanceType, PoliceForceArea } from '@app/geography';
import { OfficeTitle } from '../influencing.enums';

@ObjectType('OfficeHolder', {
  description: "Someone who held (or holds) an area's office, or a role in it, for a term. Kept by platform admins.",
})
export class OfficeHolder {
  @Field(() => ID, { description: 'Opaque, stable identifier.' })
  id!: string;

  @Field({ description: 'As the office-holder is known publicly.' })
  name!: string;

  @Field(() => OfficeTitle, { description: 'The office or role held.' })
  title!: OfficeTitle;

  @Field(() => String, { nullable: true, description: 'Null for an independent.' })
  party!: string | null;

  @Field({ description: 'YYYY-MM-DD, the first day of the term.' })
  termStart!: string;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, the first day after the term (exclusive); null while it lasts.',
  })
  termEnd!: string | null;

  policeForceAreaId!: string;
}

@ObjectType('CommissionerOffice', {
  description:
    "An office that holds (held, or is planned to hold) an area's police and crime commissioner functions, from `since` (inclusive) to `until` (exclusive).",
})
export class CommissionerOffice {
  @Field(() => GovernanceType)
  type!: GovernanceType;

  @Field({ description: 'The office, e.g. "Police and Crime Commissioner for Gwent".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null when it predates the records.' })
  since!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, first day after it; null while it lasts.' })
  until!: string | null;

  @Field(() => Certainty, { description: 'How sure the record is of these dates.' })
  certainty!: Certainty;

  @Field(() => String, { nullable: true, description: 'Where the record comes from, and caveats.' })
  notes!: string | null;

  @Field({ description: 'True when it starts after today (UK date): a planned change of governance.' })
  planned!: boolean;

  policeForceAreaId!: string;
}

@ObjectType({ description: 'The office-holder as recorded.' })
export class OfficeHolderPayload {
  @Field(() => OfficeHolder)
  officeHolder!: OfficeHolder;
}

@ObjectType({ description: 'The area whose governance changes, and its new office.' })
export class GovernanceChangePayload {
  @Field(() => PoliceForceArea)
  policeForceArea!: PoliceForceArea;

  @Field(() => CommissionerOffice, { description: 'The new office.' })
  office!: CommissionerOffice;
}
