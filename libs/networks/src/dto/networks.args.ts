import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '@app/common';
import { NetworkStatus } from '../network.enums';

@InputType({ description: 'Narrows a list of networks; all given conditions apply.' })
export class NetworkFilter {
  @Field({ nullable: true, description: 'ONS code of the police force area.' })
  @IsOptional()
  @Matches(/^(E23|W15)\d{6}$/, { message: 'must be a police force area code such as E23000001' })
  policeForceAreaCode?: string;

  @Field(() => NetworkStatus, { nullable: true })
  @IsOptional()
  @IsEnum(NetworkStatus)
  status?: NetworkStatus;

  @Field(() => ID, { nullable: true, description: 'Networks this organisation actively convenes.' })
  @IsOptional()
  @IsUUID()
  convenorOrganisationId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Networks this organisation is an active member of (any role); only where you may see it.',
  })
  @IsOptional()
  @IsUUID()
  memberOrganisationId?: string;
}

@ArgsType()
export class NetworksArgs extends ConnectionArgs {
  @Field(() => NetworkFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NetworkFilter)
  filter?: NetworkFilter;
}

@ArgsType()
export class NetworkArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
