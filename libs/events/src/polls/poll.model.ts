import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Event, EventClash } from '../event.model';
import { EventKind } from '../event.enums';
import { PollAnswer, PollStatus } from './poll.enums';

@ObjectType('SchedulingPoll', {
  description: '"Find a time": candidate slots for a network meeting, answered by its members.',
})
export class SchedulingPoll {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  description!: string | null;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field()
  timeZone!: string;

  @Field(() => Date, { nullable: true, description: 'When answers close; null when open until confirmed or closed.' })
  deadline!: Date | null;

  @Field(() => PollStatus)
  status!: PollStatus;

  @Field(() => ID, { nullable: true })
  confirmedSlotId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The event created from the confirmed slot.' })
  eventId!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('PollSlot')
export class PollSlot {
  @Field(() => ID)
  id!: string;

  @Field()
  startsAt!: Date;

  @Field()
  endsAt!: Date;
}

@ObjectType('PollSlotTally', { description: 'How one slot suits, so far.' })
export class PollSlotTally {
  @Field(() => ID)
  slotId!: string;

  @Field(() => Int)
  yes!: number;

  @Field(() => Int)
  ifNeedBe!: number;

  @Field(() => Int)
  no!: number;
}

@ObjectType('PollSlotAnswer', {
  description: "A member organisation's answer to one slot (one per organisation: the latest given), and who gave it.",
})
export class PollSlotAnswer {
  @Field(() => ID)
  slotId!: string;

  @Field(() => ID, { description: 'The person of the organisation who gave the answer (the latest to answer).' })
  personId!: string;

  @Field(() => ID, { description: 'The member organisation the answer is for.' })
  organisationId!: string;

  @Field(() => PollAnswer)
  answer!: PollAnswer;

  @Field()
  answeredAt!: Date;
}

@ObjectType()
export class SchedulingPollPayload {
  @Field(() => SchedulingPoll)
  poll!: SchedulingPoll;
}

@ObjectType({ description: 'The confirmed poll and the event made from it.' })
export class ConfirmSchedulingPollPayload {
  @Field(() => SchedulingPoll)
  poll!: SchedulingPoll;

  @Field(() => Event)
  event!: Event;

  @Field(() => [EventClash])
  clashes!: EventClash[];
}

@ObjectType('PollTallyUpdate', { description: "A poll's status and tallies (live)." })
export class PollTallyUpdate {
  @Field(() => SchedulingPoll)
  poll!: SchedulingPoll;

  @Field(() => [PollSlotTally], { description: 'In slot order.' })
  slots!: PollSlotTally[];
}
