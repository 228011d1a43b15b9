import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDecimal, IsLocalDate, Trim } from '@app/common';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };

@InputType()
export class NewPlanPriorityInput {
  @Field()
  @Trim()
  @MinLength(2)
  @MaxLength(300)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;
}

@InputType({ description: "Records an area's police and crime plan with its priorities in order (platform admins)." })
export class RecordPoliceCrimePlanInput {
  @Field({ description: 'ONS code of the police force area.' })
  @IsString()
  @MaxLength(9)
  policeForceAreaCode!: string;

  @Field()
  @Trim()
  @MinLength(3)
  @MaxLength(300)
  title!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @IsLocalDate()
  periodStart!: string;

  @Field(() => String, { nullable: true, description: 'Last day it covers (YYYY-MM-DD).' })
  @IsOptional()
  @IsLocalDate()
  periodEnd?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @IsLocalDate()
  consultationOpens?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the consultation (YYYY-MM-DD).' })
  @IsOptional()
  @IsLocalDate()
  consultationCloses?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  documentUrl?: string | null;

  @Field(() => [NewPlanPriorityInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => NewPlanPriorityInput)
  priorities!: NewPlanPriorityInput[];
}

@InputType({ description: 'Declares the plan priorities a joint position addresses (replacing the earlier set).' })
export class DeclarePositionPrioritiesInput {
  @Field(() => ID)
  @IsUUID()
  positionId!: string;

  @Field(() => [ID])
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true })
  priorityIds!: string[];
}

@InputType({ description: "Records a Justice Data Lab result on an organisation's profile (its admins)." })
export class RecordJusticeDataLabResultInput {
  @Field(() => ID)
  @IsUUID()
  organisationId!: string;

  @Field({ description: 'The intervention assessed, e.g. "Women\'s centre one-to-one support".' })
  @Trim()
  @MinLength(3)
  @MaxLength(300)
  intervention!: string;

  @Field({ description: 'First day of the period the treatment group started (YYYY-MM-DD).' })
  @IsLocalDate()
  periodStart!: string;

  @Field({ description: 'Last day of that period (YYYY-MM-DD).' })
  @IsLocalDate()
  periodEnd!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  treatmentGroupSize!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  comparisonGroupSize!: number;

  @Field({ description: 'Per cent, from 0 to 100.' })
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  treatmentReoffendingRate!: number;

  @Field({ description: 'Per cent, from 0 to 100.' })
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  comparisonReoffendingRate!: number;

  @Field()
  @IsBoolean()
  statisticallySignificant!: boolean;

  @Field(() => String, { nullable: true, description: 'The published Justice Data Lab report.' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  reportUrl?: string | null;
}

@InputType({ description: 'Cites a Justice Data Lab result as evidence in a joint position.' })
export class CiteEvidenceInput {
  @Field(() => ID)
  @IsUUID()
  positionId!: string;

  @Field(() => ID)
  @IsUUID()
  resultId!: string;
}

@InputType({ description: 'Withdraws a cited Justice Data Lab result from a joint position.' })
export class WithdrawEvidenceInput extends CiteEvidenceInput {}
