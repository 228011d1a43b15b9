import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsUUID } from 'class-validator';

@ArgsType()
export class OccurrenceArgs {
  @Field({ nullable: true, description: "For a recurring event: the occurrence's `originalStart`." })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  occurrenceStart?: Date;
}

@ArgsType()
export class EventTallyArgs extends OccurrenceArgs {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ArgsType()
export class NetworkIdArgs {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;
}

@ArgsType()
export class PollIdArgs {
  @Field(() => ID)
  @IsUUID()
  pollId!: string;
}
