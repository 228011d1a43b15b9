import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '@app/common';
import { EventKind, EventStatus } from '../event.enums';

@InputType({ description: 'Which events: all filters apply together.' })
export class EventFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  networkId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organiserOrganisationId?: string;

  @Field({ nullable: true, description: 'ONS code of the police force area.' })
  @IsOptional()
  @Matches(/^(E23|W15)\d{6}$/, { message: 'must be a police force area code such as E23000001' })
  policeForceAreaCode?: string;

  @Field(() => [EventKind], { nullable: true })
  @IsOptional()
  @IsEnum(EventKind, { each: true })
  kinds?: EventKind[];

  @Field(() => [EventStatus], { nullable: true })
  @IsOptional()
  @IsEnum(EventStatus, { each: true })
  statuses?: EventStatus[];
}

@ArgsType()
export class EventsArgs extends ConnectionArgs {
  @Field(() => EventFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EventFilter)
  filter?: EventFilter;
}

@ArgsType()
export class OccurrencesArgs {
  @Field({ description: 'From this instant (inclusive).' })
  @Type(() => Date)
  @IsDate()
  from!: Date;

  @Field({ description: 'To this instant (exclusive); at most 366 days after `from`.' })
  @Type(() => Date)
  @IsDate()
  to!: Date;

  @Field(() => EventFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EventFilter)
  filter?: EventFilter;
}

@ArgsType()
export class EventOccurrencesArgs {
  @Field({ description: 'From this instant (inclusive).' })
  @Type(() => Date)
  @IsDate()
  from!: Date;

  @Field({ description: 'To this instant (exclusive); at most 366 days after `from`.' })
  @Type(() => Date)
  @IsDate()
  to!: Date;
}
