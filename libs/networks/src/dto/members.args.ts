import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum } from 'class-validator';
import { MembershipStatus } from '../network.enums';

@ArgsType()
export class MembersArgs {
  @Field(() => [MembershipStatus], { defaultValue: [MembershipStatus.ACTIVE] })
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsEnum(MembershipStatus, { each: true })
  statuses!: MembershipStatus[];
}
