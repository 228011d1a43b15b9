import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsISO8601, IsOptional, Matches, ValidateNested } from 'class-validator';
import { LocalDate } from '@app/common';
import { Country, Region } from '@app/geography';

@InputType({ description: 'Narrows a coverage report; all given conditions apply.' })
export class CoverageFilter {
  @Field({ nullable: true, description: 'Only areas where this specialism is present in an active network.' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'must be a specialism code such as WOMEN' })
  specialism?: string;

  @Field(() => Region, { nullable: true })
  @IsOptional()
  @IsEnum(Region)
  region?: Region;

  @Field(() => Country, { nullable: true })
  @IsOptional()
  @IsEnum(Country)
  country?: Country;
}

@ArgsType()
export class CoverageArgs {
  @Field(() => CoverageFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CoverageFilter)
  filter?: CoverageFilter;
}

@ArgsType()
export class CoverageHistoryArgs {
  @Field({ description: 'ONS code of the police force area.' })
  @Matches(/^(E23|W15)\d{6}$/, { message: 'must be a police force area code such as E23000001' })
  policeForceAreaCode!: string;

  @Field(() => LocalDate)
  @IsISO8601({ strict: true })
  from!: string;

  @Field(() => LocalDate, { description: 'Inclusive; at most 3 years after `from`.' })
  @IsISO8601({ strict: true })
  to!: string;
}

@InputType()
export class SetCoveragePrioritiesInput {
  @Field(() => [String], { description: 'Specialism codes, most important first.' })
  @ArrayMaxSize(50)
  specialisms!: string[];
}
