import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsLocalDate, Trim } from '@app/common';
import { Certainty, GovernanceType, POLICE_FORCE_AREA_CODE, POLICE_FORCE_AREA_CODE_HINT } from '@app/geography';
import { OfficeTitle } from '../../influencing.enums';

const PARTY_HELP = 'Null (or left out) for an independent.';
const TERM_END_HELP = 'YYYY-MM-DD, the first day after the term (exclusive); null while it lasts.';

@InputType({ description: "Records someone who held (or holds) an area's office for a term." })
export class RecordOfficeHolderInput {
  @Field({ description: 'ONS code of the police force area, e.g. W15000002.' })
  @Matches(POLICE_FORCE_AREA_CODE, { message: POLICE_FORCE_AREA_CODE_HINT })
  policeForceAreaCode!: string;

  @Field()
  @Trim()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @Field(() => OfficeTitle)
  @IsEnum(OfficeTitle)
  title!: OfficeTitle;

  @Field(() => String, { nullable: true, description: PARTY_HELP })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'party must not be empty: leave it out for an independent' })
  @MaxLength(100)
  party?: string | null;

  @Field({ description: 'YYYY-MM-DD, the first day of the term.' })
  @IsLocalDate()
  termStart!: string;

  @Field(() => String, { nullable: true, description: TERM_END_HELP })
  @IsOptional()
  @IsLocalDate()
  termEnd?: string | null;
}

@InputType({ description: 'Corrects an office-holder; fields left out keep their value.' })
export class UpdateOfficeHolderInput {
  @Field(() => ID)
  @IsUUID()
  officeHolderId!: string;

  @Field({ nullable: true })
  @ValidateIf((_, value) => value !== undefined)
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @Field(() => String, { nullable: true, description: `Left out keeps it; ${PARTY_HELP.toLowerCase()}` })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'party must not be empty: send null for an independent' })
  @MaxLength(100)
  party?: string | null;

  @Field(() => String, { nullable: true, description: `Left out keeps it. ${TERM_END_HELP}` })
  @IsOptional()
  @IsLocalDate()
  termEnd?: string | null;
}

@InputType({
  description:
    "Plans (or records) a change of who holds an area's PCC functions: the open period ends at `since` and the new office holds them from then.",
})
export class PlanGovernanceChangeInput {
  @Field({ description: 'ONS code of the police force area, e.g. W15000002.' })
  @Matches(POLICE_FORCE_AREA_CODE, { message: POLICE_FORCE_AREA_CODE_HINT })
  policeForceAreaCode!: string;

  @Field(() => GovernanceType)
  @IsEnum(GovernanceType)
  type!: GovernanceType;

  @Field({ description: 'The new office, e.g. "Gwent Policing and Crime Board".' })
  @Trim()
  @MinLength(3)
  @MaxLength(300)
  office!: string;

  @Field({ description: 'YYYY-MM-DD, the first day of the new office; may be in the future.' })
  @IsLocalDate()
  since!: string;

  @Field(() => Certainty, {
    nullable: true,
    description: 'How sure the date is; left out: MEDIUM for a future date (plans move), HIGH otherwise.',
  })
  @IsOptional()
  @IsEnum(Certainty)
  certainty?: Certainty | null;

  @Field(() => String, { nullable: true, description: 'Where the change comes from (an order, an announcement).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}
