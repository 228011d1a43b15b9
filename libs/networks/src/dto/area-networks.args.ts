import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { NetworkStatus } from '../network.enums';

@ArgsType()
export class AreaNetworksArgs {
  @Field(() => NetworkStatus, { nullable: true })
  @IsOptional()
  @IsEnum(NetworkStatus)
  status?: NetworkStatus;
}
