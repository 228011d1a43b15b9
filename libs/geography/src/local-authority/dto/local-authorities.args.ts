import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { POLICE_FORCE_AREA_CODE, POLICE_FORCE_AREA_CODE_HINT } from '../../geography.codes';

@InputType({ description: 'Narrows the list of local authorities; all given conditions must hold.' })
export class LocalAuthorityFilter {
  @Field({ nullable: true, description: 'Only authorities in this police force area (ONS code).' })
  @IsOptional()
  @Matches(POLICE_FORCE_AREA_CODE, { message: POLICE_FORCE_AREA_CODE_HINT })
  policeForceAreaCode?: string;

  @Field({ nullable: true, description: 'Only authorities whose name contains this text (case-insensitive).' })
  @IsOptional()
  @Length(1, 100)
  nameContains?: string;
}

@ArgsType()
export class LocalAuthoritiesArgs {
  @Field(() => LocalAuthorityFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalAuthorityFilter)
  filter?: LocalAuthorityFilter;
}
