import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '@app/common';
import {
  LOCAL_AUTHORITY_CODE,
  LOCAL_AUTHORITY_CODE_HINT,
  POLICE_FORCE_AREA_CODE,
  POLICE_FORCE_AREA_CODE_HINT,
} from '@app/geography';
import { SPECIALISM_CODE } from '../../specialism/specialism.codes';
import { OrganisationKind, OrganisationStatus } from '../organisation.enums';

@InputType({ description: 'Narrows the list of organisations; all given conditions must hold.' })
export class OrganisationFilter {
  @Field(() => OrganisationKind, { nullable: true })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;

  @Field({ nullable: true, description: 'Only organisations working in this specialism (its code).' })
  @IsOptional()
  @Matches(SPECIALISM_CODE, { message: 'must be a specialism code such as WOMEN' })
  specialism?: string;

  @Field({ nullable: true, description: 'Only organisations serving this local authority (ONS code).' })
  @IsOptional()
  @Matches(LOCAL_AUTHORITY_CODE, { message: LOCAL_AUTHORITY_CODE_HINT })
  servesLocalAuthorityCode?: string;

  @Field({ nullable: true, description: 'Only organisations serving any local authority of this police force area.' })
  @IsOptional()
  @Matches(POLICE_FORCE_AREA_CODE, { message: POLICE_FORCE_AREA_CODE_HINT })
  servesPoliceForceAreaCode?: string;

  @Field({ nullable: true, description: 'Only organisations whose name contains this text (case-insensitive).' })
  @IsOptional()
  @Length(1, 100)
  nameContains?: string;

  @Field(() => OrganisationStatus, { nullable: true, description: 'Default: ACTIVE only.' })
  @IsOptional()
  @IsEnum(OrganisationStatus)
  status?: OrganisationStatus;
}

@ArgsType()
export class OrganisationsArgs extends ConnectionArgs {
  @Field(() => OrganisationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganisationFilter)
  filter?: OrganisationFilter;
}
