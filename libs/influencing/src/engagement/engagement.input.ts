import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate, OptionalNotNull, Trim } from '@app/common';
import { CommitmentStatus, EngagementKind } from '../influencing.enums';

@InputType({ description: 'A commitment received: what, who in the office owns it, and when it is due.' })
export class NewCommitmentInput {
  @Field()
  @Trim()
  @MinLength(3)
  @MaxLength(1000)
  text!: string;

  @Field({ description: 'Who in the office owns it (a role or a name).' })
  @Trim()
  @MinLength(2)
  @MaxLength(200)
  owner!: string;

  @Field({ description: 'YYYY-MM-DD; not before the engagement.' })
  @IsLocalDate()
  dueOn!: string;

  @Field(() => Int, { nullable: true, description: 'The ask (its place, from 1) this answers.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  askNumber?: number | null;
}

@InputType({ description: "Records an engagement with the commissioner's office (the network's members)." })
export class RecordEngagementInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field(() => EngagementKind)
  @IsEnum(EngagementKind)
  kind!: EngagementKind;

  @Field({ description: 'YYYY-MM-DD; not in the future.' })
  @IsLocalDate()
  occurredOn!: string;

  @Field()
  @Trim()
  @MinLength(3)
  @MaxLength(5000)
  summary!: string;

  @Field(() => String, { nullable: true, description: 'Who took part for the office, in words.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  officeParticipants?: string | null;

  @Field(() => ID, { nullable: true, description: "An office-holder of the network's area who took part." })
  @IsOptional()
  @IsUUID()
  officeHolderId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Member organisations that took part.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  participantOrganisationIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'What the network asked for, in order.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value,
  )
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(3, { each: true })
  @MaxLength(1000, { each: true })
  asks?: string[] | null;

  @Field(() => [NewCommitmentInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => NewCommitmentInput)
  commitments?: NewCommitmentInput[] | null;

  @Field(() => [ID], { nullable: true, description: "The network's joint positions it presented or discussed." })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  positionIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The event it took place at.' })
  @IsOptional()
  @IsUUID()
  eventId?: string | null;

  @Field({ nullable: true, defaultValue: true, description: "Anyone may read it (else the network's members)." })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}

@InputType({ description: 'Corrects an engagement record (convenors); a field left out keeps its value.' })
export class CorrectEngagementInput {
  @Field(() => ID)
  @IsUUID()
  engagementId!: string;

  @Field(() => EngagementKind, { nullable: true })
  @OptionalNotNull()
  @IsEnum(EngagementKind)
  kind?: EngagementKind;

  @Field({ nullable: true, description: 'YYYY-MM-DD; not in the future, nor after a commitment falls due.' })
  @OptionalNotNull()
  @IsLocalDate()
  occurredOn?: string;

  @Field({ nullable: true })
  @OptionalNotNull()
  @Trim()
  @MinLength(3)
  @MaxLength(5000)
  summary?: string;

  @Field(() => String, { nullable: true, description: 'Who took part for the office; null clears it.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  officeParticipants?: string | null;

  @Field({ nullable: true })
  @OptionalNotNull()
  @IsBoolean()
  public?: boolean;
}

@InputType({ description: 'Adds a commitment received at an engagement (e.g. in a later letter).' })
export class AddCommitmentInput extends NewCommitmentInput {
  @Field(() => ID)
  @IsUUID()
  engagementId!: string;
}

@InputType({ description: 'Records how a commitment stands; every change is kept.' })
export class ChangeCommitmentStatusInput {
  @Field(() => ID)
  @IsUUID()
  commitmentId!: string;

  @Field(() => CommitmentStatus)
  @IsEnum(CommitmentStatus)
  status!: CommitmentStatus;

  @Field(() => String, { nullable: true, description: 'What happened, e.g. the evidence it was met.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@ArgsType()
export class EngagementsArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  networkId?: string | null;

  @Field(() => String, { nullable: true, description: 'ONS code of a police force area.' })
  @IsOptional()
  @IsString()
  @MaxLength(9)
  policeForceAreaCode?: string | null;

  @Field(() => String, { nullable: true, description: 'On or after this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsLocalDate()
  from?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'On or before this day (YYYY-MM-DD): page back through a long log by moving it.',
  })
  @IsOptional()
  @IsLocalDate()
  to?: string | null;

  @Field(() => Int, { defaultValue: 50, description: 'At most 200, newest first.' })
  @IsInt()
  @Min(1)
  @Max(200)
  first!: number;
}

@ArgsType()
export class OverdueCommitmentsArgs {
  @Field(() => ID, { nullable: true, description: 'One network (else all you may read, nationally).' })
  @IsOptional()
  @IsUUID()
  networkId?: string | null;

  @Field(() => String, { nullable: true, description: 'ONS code of a police force area.' })
  @IsOptional()
  @IsString()
  @MaxLength(9)
  policeForceAreaCode?: string | null;

  @Field(() => Int, { defaultValue: 200, description: 'At most 500, most overdue first.' })
  @IsInt()
  @Min(1)
  @Max(500)
  first!: number;
}

@ArgsType()
export class EngagementArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
