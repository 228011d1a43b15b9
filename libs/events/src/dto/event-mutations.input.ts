import { Field, ID, InputType, Int, IntersectionType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Trim } from '@app/common';
import { EventKind, EventStatus, EventVisibility, RsvpAnswer } from '../event.enums';

export const LOCAL_TIME_HELP =
  'Local wall-clock time `YYYY-MM-DDTHH:mm` in `timeZone`; a date `YYYY-MM-DD` when `allDay`.';
export const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;
export const LOCAL_TIME_MESSAGE = 'must be a local time YYYY-MM-DDTHH:mm (or a date YYYY-MM-DD for an all-day event)';

/** When, as the organiser reads it: local times in an IANA zone, so clock changes are handled. */
@InputType({ isAbstract: true })
export class ScheduleFields {
  @Field({ description: LOCAL_TIME_HELP })
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  start!: string;

  @Field({ description: `${LOCAL_TIME_HELP} For an all-day event, the last day (inclusive).` })
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  end!: string;

  @Field({ nullable: true, defaultValue: 'Europe/London', description: 'IANA time zone, e.g. Europe/London.' })
  @IsOptional()
  @MaxLength(64)
  timeZone?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  allDay?: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'RFC 5545 RRULE value for a series, e.g. `FREQ=MONTHLY;BYDAY=1TU` (the first Tuesday of each month).',
  })
  @IsOptional()
  @MaxLength(500)
  recurrenceRule?: string | null;
}

@InputType({ isAbstract: true })
export class EventDetailFields {
  @Field(() => String, { nullable: true, description: 'Markdown.' })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(200)
  venue?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(500)
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Link to join online (hybrid when there is a venue too).' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be a web address starting https://' },
  )
  @MaxLength(500)
  onlineUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Places for GOING answers per occurrence; null for no limit.' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'must not be negative' })
  @Max(100_000)
  capacity?: number | null;
}

@InputType({ description: 'A new event, organised by a network (its convenors) or by an organisation (its people).' })
export class CreateEventInput extends IntersectionType(ScheduleFields, EventDetailFields) {
  @Field(() => ID, { nullable: true, description: 'The organising network; or give `organiserOrganisationId`.' })
  @IsOptional()
  @IsUUID()
  networkId?: string;

  @Field(() => ID, { nullable: true, description: 'An organisation organising an area-wide or national event.' })
  @IsOptional()
  @IsUUID()
  organiserOrganisationId?: string;

  @Field({ nullable: true, description: "Police force area of an organisation's event (a network's is its own)." })
  @IsOptional()
  @Matches(/^(E23|W15)\d{6}$/, { message: 'must be a police force area code such as E23000001' })
  policeForceAreaCode?: string;

  @Field(() => EventKind)
  @IsEnum(EventKind)
  kind!: EventKind;

  @Field()
  @Trim()
  @MinLength(3)
  @MaxLength(200)
  title!: string;

  @Field(() => EventVisibility, { nullable: true, description: 'NETWORK by default for network events, else PUBLIC.' })
  @IsOptional()
  @IsEnum(EventVisibility)
  visibility?: EventVisibility;
}

@InputType({ description: "Changes an event's details; times change through rescheduleEvent." })
export class UpdateEventInput extends EventDetailFields {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;

  // Left out means unchanged; null is refused (these have no "none").
  @Field({ nullable: true })
  @ValidateIf((_, value) => value !== undefined)
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title?: string;

  @Field(() => EventKind, { nullable: true })
  @ValidateIf((_, value) => value !== undefined)
  @IsEnum(EventKind)
  kind?: EventKind;

  @Field(() => EventVisibility, { nullable: true })
  @ValidateIf((_, value) => value !== undefined)
  @IsEnum(EventVisibility)
  visibility?: EventVisibility;
}

@InputType({ description: 'New times (and rule) for an event; exceptions of a series are dropped with its old rule.' })
export class RescheduleEventInput extends ScheduleFields {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;
}

@InputType()
export class ChangeEventStatusInput {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;

  @Field(() => EventStatus)
  @IsEnum(EventStatus)
  status!: EventStatus;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(1000)
  reason?: string;
}

@InputType({ description: 'Moves or cancels one occurrence of a recurring event (or restores it).' })
export class ChangeOccurrenceInput {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;

  @Field({ description: 'The occurrence, by the start its rule gives it (`originalStart`).' })
  @Type(() => Date)
  @IsDate()
  occurrenceStart!: Date;

  @Field({ nullable: true, defaultValue: false, description: 'Cancels it; `start`/`end` must then be left out.' })
  @IsOptional()
  @IsBoolean()
  cancel?: boolean;

  @Field({ nullable: true, description: `New start. ${LOCAL_TIME_HELP}` })
  @IsOptional()
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  start?: string;

  @Field({ nullable: true, description: 'New end, as `start`.' })
  @IsOptional()
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  end?: string;

  @Field({ nullable: true, defaultValue: false, description: 'Undoes a move or cancellation.' })
  @IsOptional()
  @IsBoolean()
  restore?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(1000)
  reason?: string;
}

@InputType()
export class AgendaItemInput {
  @Field()
  @Trim()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'A draft joint position discussed under this item.' })
  @IsOptional()
  @IsUUID()
  jointPositionId?: string | null;
}

@InputType({ description: "Replaces an event's agenda with these items, in order." })
export class SetEventAgendaInput {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;

  @Field(() => [AgendaItemInput])
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInput)
  items!: AgendaItemInput[];
}

@InputType()
export class RecordEventMinutesInput {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;

  @Field({ description: 'Markdown.' })
  @MinLength(1)
  @MaxLength(100_000)
  minutes!: string;
}

@InputType({ description: 'A person answers for an organisation they work for.' })
export class AnswerEventInput {
  @Field(() => ID)
  @IsUUID()
  eventId!: string;

  @Field({ nullable: true, description: 'For a recurring event: the occurrence (its `originalStart`).' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  occurrenceStart?: Date;

  @Field(() => ID, { description: 'The organisation the person answers for.' })
  @IsUUID()
  organisationId!: string;

  @Field(() => RsvpAnswer)
  @IsEnum(RsvpAnswer)
  answer!: RsvpAnswer;
}
