import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CommitmentStatus, EngagementKind } from '../influencing.enums';

@ObjectType('Engagement', {
  description:
    "A network's engagement with its commissioner's office: what was asked and what was promised. Recorded against the office, so it outlives a change of office-holder.",
})
export class Engagement {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field(() => EngagementKind)
  kind!: EngagementKind;

  @Field({ description: 'YYYY-MM-DD.' })
  occurredOn!: string;

  @Field()
  summary!: string;

  @Field(() => String, { nullable: true, description: 'Who took part for the office, in words.' })
  officeParticipants!: string | null;

  @Field({ description: "Anyone may read it; otherwise the network's members only (it still counts nationally)." })
  public!: boolean;

  @Field({ name: 'recordedAt' })
  createdAt!: Date;

  officeHolderId!: string | null;
  eventId!: string | null;
}

@ObjectType('EngagementAsk', { description: 'Something the network asked for.' })
export class EngagementAsk {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Its place among the asks, from 1.' })
  ordinal!: number;

  @Field()
  text!: string;
}

@ObjectType('Commitment', { description: "Something the commissioner's office promised, with its status history." })
export class Commitment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  engagementId!: string;

  @Field(() => ID, { nullable: true, description: 'The ask it answers.' })
  askId!: string | null;

  @Field()
  text!: string;

  @Field({ description: 'Who in the office owns it.' })
  owner!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  dueOn!: string;

  @Field(() => CommitmentStatus)
  status!: CommitmentStatus;
}

@ObjectType('CommitmentStatusChange')
export class CommitmentStatusChange {
  @Field(() => CommitmentStatus, { nullable: true, description: 'Null for the first status, when it was made.' })
  fromStatus!: CommitmentStatus | null;

  @Field(() => CommitmentStatus)
  toStatus!: CommitmentStatus;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  changedAt!: Date;
}

@ObjectType('AreaCommitments', {
  description: "Commitments made to an area's networks, by status: the national view of which were kept.",
})
export class AreaCommitments {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  open!: number;

  @Field(() => Int, { description: 'OPEN and past their due date.' })
  overdue!: number;

  @Field(() => Int)
  met!: number;

  @Field(() => Int)
  partlyMet!: number;

  @Field(() => Int)
  notMet!: number;

  @Field(() => Int)
  withdrawn!: number;

  @Field(() => String, { nullable: true, description: "The area's last engagement with the office (YYYY-MM-DD)." })
  lastEngagementOn!: string | null;

  policeForceAreaId!: string;
}

@ObjectType('EngagementPayload')
export class EngagementPayload {
  @Field(() => Engagement)
  engagement!: Engagement;
}

@ObjectType('CommitmentPayload')
export class CommitmentPayload {
  @Field(() => Commitment)
  commitment!: Commitment;
}
