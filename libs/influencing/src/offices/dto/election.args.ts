import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsLocalDate } from '@app/common';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { ElectionKind } from '../../influencing.enums';

@ArgsType()
export class ElectionRoundsArgs {
  @Field(() => ElectionKind, { nullable: true })
  @IsOptional()
  @IsEnum(ElectionKind)
  kind?: ElectionKind;

  @Field({ nullable: true, description: 'Polling days from this date (YYYY-MM-DD, inclusive).' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @Field({ nullable: true, description: 'Polling days up to this date (YYYY-MM-DD, inclusive).' })
  @IsOptional()
  @IsLocalDate()
  to?: string;
}

@ArgsType()
export class ElectionRoundArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
