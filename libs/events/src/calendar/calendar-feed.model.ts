import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';

@ObjectType('CalendarFeed', { description: 'One of your private calendar feeds (the secret in its URL is not kept).' })
export class CalendarFeed {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Your name for it, e.g. "Phone".' })
  label!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set once revoked: the URL then answers 404.' })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'A new private feed: its URL is shown once; keep it like a password.' })
export class CreateCalendarFeedPayload {
  @Field(() => CalendarFeed)
  feed!: CalendarFeed;

  @Field({ description: 'Path of the feed on this API, e.g. /calendars/feeds/cal_….ics: subscribe to it.' })
  path!: string;
}

@ObjectType()
export class CalendarFeedPayload {
  @Field(() => CalendarFeed)
  feed!: CalendarFeed;
}

@InputType()
export class CreateCalendarFeedInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  label?: string | null;
}

@InputType()
export class RevokeCalendarFeedInput {
  @Field(() => ID)
  @IsUUID()
  feedId!: string;
}
