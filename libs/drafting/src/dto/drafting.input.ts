import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Trim } from '@app/common';
import { PositionStatus } from '../drafting.enums';

const BODY_HELP = 'Markdown, at most 50,000 characters.';

@InputType()
export class NewSectionInput {
  @Field()
  @Trim()
  @MinLength(1, { message: 'heading must not be empty' })
  @MaxLength(300)
  heading!: string;

  @Field(() => String, { nullable: true, description: BODY_HELP })
  @IsOptional()
  @IsString()
  body?: string | null;

  @Field(() => ID, { nullable: true, description: 'The member organisation leading this section.' })
  @IsOptional()
  @IsUUID()
  leadOrganisationId?: string | null;
}

@InputType({ description: 'Starts a joint position in a network, with its first sections.' })
export class CreateJointPositionInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field()
  @Trim()
  @MinLength(3)
  @MaxLength(200)
  title!: string;

  @Field({ description: 'Who it is for, e.g. "the Police and Crime Commissioner for Gwent".' })
  @Trim()
  @MinLength(3)
  @MaxLength(300)
  audience!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  purpose?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadline?: string | null;

  @Field({ nullable: true, defaultValue: true, description: 'Public once SUBMITTED (members only until then).' })
  @IsOptional()
  @IsBoolean()
  publicWhenSubmitted?: boolean;

  @Field(() => ID, { nullable: true, description: 'The organisation you write for (attribution).' })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @Field(() => [NewSectionInput], { nullable: true, description: 'At most 100: a position has at most 100 sections.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NewSectionInput)
  sections?: NewSectionInput[];
}

@InputType({ description: 'An edit of a section, made on the revision you saw (`section.revision`).' })
export class EditSectionInput {
  @Field(() => ID)
  @IsUUID()
  sectionId!: string;

  @Field(() => Int, { description: "The section's `revision` your edit starts from." })
  @IsInt()
  @Min(0)
  baseRevision!: number;

  @Field({ nullable: true, description: 'New heading; left out keeps it.' })
  @ValidateIf((_, value) => value !== undefined)
  @Trim()
  @IsString()
  @MinLength(1, { message: 'heading must not be empty' })
  @MaxLength(300)
  heading?: string;

  @Field({ nullable: true, description: `New body; left out keeps it. ${BODY_HELP}` })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  body?: string;

  @Field(() => ID, { nullable: true, description: 'The organisation you write for (attribution).' })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;
}

@InputType()
export class AddSectionInput extends NewSectionInput {
  @Field(() => ID)
  @IsUUID()
  positionId!: string;

  @Field(() => Int, { nullable: true, description: 'Where, from 1; at the end when left out.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;
}

@InputType()
export class RemoveSectionInput {
  @Field(() => ID)
  @IsUUID()
  sectionId!: string;
}

@InputType()
export class MoveSectionInput {
  @Field(() => ID)
  @IsUUID()
  sectionId!: string;

  @Field(() => Int, { description: 'Its new place among the sections, from 1.' })
  @IsInt()
  @Min(1)
  position!: number;
}

@InputType()
export class ChangePositionStatusInput {
  @Field(() => ID)
  @IsUUID()
  positionId!: string;

  @Field(() => PositionStatus)
  @IsEnum(PositionStatus)
  status!: PositionStatus;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(1000)
  reason?: string;
}

@InputType({ description: "Signs your organisation on to the agreed text (the organisation's admins)." })
export class SignOnToPositionInput {
  @Field(() => ID)
  @IsUUID()
  positionId!: string;

  @Field(() => ID)
  @IsUUID()
  organisationId!: string;
}

@InputType()
export class SubmitPositionInput {
  @Field(() => ID)
  @IsUUID()
  positionId!: string;

  @Field()
  @Trim()
  @MinLength(3)
  @MaxLength(300)
  submittedTo!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @IsISO8601({ strict: true })
  submittedOn!: string;

  @Field({ description: 'e.g. "email to the PCC\'s office".' })
  @Trim()
  @MinLength(3)
  @MaxLength(300)
  method!: string;
}

@InputType()
export class RecordPositionResponseInput {
  @Field(() => ID)
  @IsUUID()
  positionId!: string;

  @Field({ description: 'Markdown.' })
  @Trim()
  @MinLength(1)
  @MaxLength(50_000)
  responseText!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @IsISO8601({ strict: true })
  respondedOn!: string;

  @Field(() => [String], { nullable: true, description: 'Commitments the commissioner made.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  commitments?: string[];
}

@InputType({ description: 'Where you are in a draft (left out: nowhere in particular), and whether you are typing.' })
export class MovePresenceInput {
  @Field(() => ID, { description: 'The `you` of your `positionPresence` subscription.' })
  @IsUUID()
  presenceId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  sectionId?: string | null;

  @Field({ defaultValue: false })
  @IsBoolean()
  editing!: boolean;
}
