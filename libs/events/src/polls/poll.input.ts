import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsEnum,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Trim } from '@app/common';
import { EventDetailFields, LOCAL_TIME, LOCAL_TIME_MESSAGE } from '../dto/event-mutations.input';
import { EventKind, EventVisibility } from '../event.enums';
import { PollAnswer } from './poll.enums';

@InputType({ description: 'A candidate time.' })
export class PollSlotInput {
  @Field({ description: "Local wall-clock time `YYYY-MM-DDTHH:mm` in the poll's time zone." })
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  start!: string;

  @Field({ description: 'As `start`.' })
  @Matches(LOCAL_TIME, { message: LOCAL_TIME_MESSAGE })
  end!: string;
}

@InputType({ description: "Proposes candidate times to a network's members." })
export class CreateSchedulingPollInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field({ description: 'Becomes the title of the event.' })
  @Trim()
  @MinLength(3)
  @MaxLength(200)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => EventKind)
  @IsEnum(EventKind)
  kind!: EventKind;

  @Field({ nullable: true, defaultValue: 'Europe/London', description: 'IANA time zone of the slots.' })
  @IsOptional()
  @MaxLength(64)
  timeZone?: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When answers close (an instant, in the future); answering after it is refused with CONFLICT.',
  })
  @IsOptional()
  @IsDate()
  deadline?: Date | null;

  @Field(() => [PollSlotInput], { description: 'From 2 to 20 candidate times, all in the future.' })
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PollSlotInput)
  slots!: PollSlotInput[];
}

@InputType()
export class PollSlotAnswerInput {
  @Field(() => ID)
  @IsUUID()
  slotId!: string;

  @Field(() => PollAnswer)
  @IsEnum(PollAnswer)
  answer!: PollAnswer;
}

@InputType({
  description:
    "Answers for a member organisation: one answer per organisation and slot, so anyone of it answering again replaces the organisation's answer.",
})
export class AnswerSchedulingPollInput {
  @Field(() => ID)
  @IsUUID()
  pollId!: string;

  @Field(() => ID, {
    description:
      'The member organisation (not an observer) you act for; always named, so a person of several organisations answers for the one meant.',
  })
  @IsUUID()
  organisationId!: string;

  @Field(() => [PollSlotAnswerInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PollSlotAnswerInput)
  answers!: PollSlotAnswerInput[];
}

@InputType({ description: 'Chooses a slot: the event is created from the poll and the slot.' })
export class ConfirmSchedulingPollInput extends EventDetailFields {
  @Field(() => ID)
  @IsUUID()
  pollId!: string;

  @Field(() => ID)
  @IsUUID()
  slotId!: string;

  @Field(() => EventVisibility, { nullable: true, description: 'NETWORK (members only) by default.' })
  @IsOptional()
  @IsEnum(EventVisibility)
  visibility?: EventVisibility;
}

@InputType()
export class CloseSchedulingPollInput {
  @Field(() => ID)
  @IsUUID()
  pollId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(1000)
  reason?: string;
}
