import { Field, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ConnectionType } from '@app/common';
import { ActivityVerb, ActivityVisibility } from './activity.enums';

@ObjectType('ActivityEvent', { description: 'Something that happened: one item of an activity feed.' })
export class ActivityEvent {
  @Field({ description: 'Position in the feed (a bigint as a string), increasing in delivery order.' })
  sequence!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => ActivityVerb)
  verb!: ActivityVerb;

  @Field(() => ActivityVisibility)
  visibility!: ActivityVisibility;

  @Field(() => String, { nullable: true, description: 'Id of the person who acted.' })
  actorPersonId!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the organisation the change concerns.' })
  organisationId!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the local network the change concerns.' })
  networkId!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the scheduled event the change concerns.' })
  eventId!: string | null;

  @Field(() => String, { nullable: true, description: 'ONS code of the police force area the change concerns.' })
  policeForceAreaCode!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'What changed, in brief.' })
  payload!: Record<string, unknown>;
}

export const ActivityEventConnection = ConnectionType(ActivityEvent, 'ActivityEvent');
