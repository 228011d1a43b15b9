import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

@ArgsType()
export class PositionChangesArgs {
  @Field(() => ID)
  @IsUUID()
  positionId!: string;

  @Field({
    nullable: true,
    description: 'Resume after this cursor (the last `cursor` received); omit to start from now.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ArgsType()
export class PositionPresenceArgs {
  @Field(() => ID)
  @IsUUID()
  positionId!: string;
}

@ArgsType()
export class JointPositionArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ArgsType()
export class JointPositionsArgs {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;
}
