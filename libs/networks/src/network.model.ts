import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@app/common';
import { MembershipRole, MembershipStatus, NetworkStatus } from './network.enums';

@ObjectType('LocalNetwork', {
  description: 'A local network of voluntary organisations in one police force area, convened by one or more CVSs.',
})
export class LocalNetwork {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => NetworkStatus)
  status!: NetworkStatus;

  @Field({ description: 'When the network took its current status.' })
  statusSince!: Date;

  @Field(() => Date, { nullable: true, description: 'When it first became ACTIVE.' })
  activeSince!: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field({ description: 'Whether anyone may see the member list (convenors are always public).' })
  membersPublic!: boolean;

  @Field()
  createdAt!: Date;

  policeForceAreaId!: string;
}

@ObjectType('NetworkMembership', {
  description: 'One spell of an organisation in a network, from invitation or request to its end; kept for history.',
})
export class NetworkMembership {
  @Field(() => ID)
  id!: string;

  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field(() => MembershipStatus)
  status!: MembershipStatus;

  @Field({ description: 'When the membership took its current status.' })
  statusSince!: Date;

  @Field(() => Date, { nullable: true, description: 'When it became ACTIVE.' })
  joinedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it ended (LEFT, REMOVED or DECLINED).' })
  endedAt!: Date | null;

  @Field({ description: 'When the invitation or request was made.' })
  createdAt!: Date;

  networkId!: string;
  organisationId!: string;
}

@ObjectType('MembershipChange', { description: 'A status or role a membership took, when, by whom and why.' })
export class MembershipChange {
  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field(() => MembershipStatus)
  status!: MembershipStatus;

  @Field()
  changedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The person who made the change.' })
  changedByPersonId!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType('NetworkStatusChange', { description: 'A status a network took, when, by whom and why.' })
export class NetworkStatusChange {
  @Field(() => NetworkStatus)
  status!: NetworkStatus;

  @Field()
  changedAt!: Date;

  @Field(() => ID, { nullable: true })
  changedByPersonId!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

export const LocalNetworkConnection = ConnectionType(LocalNetwork, 'LocalNetwork');
