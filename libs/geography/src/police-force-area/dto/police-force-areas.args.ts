import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { Country, GovernanceType, Region } from '../../geography.enums';

@InputType({ description: 'Narrows the list of police force areas; all given conditions must hold.' })
export class PoliceForceAreaFilter {
  @Field(() => Country, { nullable: true })
  @IsOptional()
  @IsEnum(Country)
  country?: Country;

  @Field(() => Region, { nullable: true })
  @IsOptional()
  @IsEnum(Region)
  region?: Region;

  @Field(() => GovernanceType, { nullable: true, description: 'Governance in force today.' })
  @IsOptional()
  @IsEnum(GovernanceType)
  governanceType?: GovernanceType;
}

@ArgsType()
export class PoliceForceAreasArgs {
  @Field(() => PoliceForceAreaFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PoliceForceAreaFilter)
  filter?: PoliceForceAreaFilter;
}
