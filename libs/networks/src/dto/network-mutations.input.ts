import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull, Trim } from '@app/common';
import { LocalNetwork, NetworkMembership } from '../network.model';
import { MembershipRole, NetworkStatus } from '../network.enums';

@InputType()
export class CreateNetworkInput {
  @Field()
  @Trim()
  @MinLength(3)
  @MaxLength(200)
  name!: string;

  @Field({ description: 'ONS code of the police force area; fixed once the network exists.' })
  @Matches(/^(E23|W15)\d{6}$/, { message: 'must be a police force area code such as E23000001' })
  policeForceAreaCode!: string;

  @Field(() => ID, { description: 'The CVS convening it; it must serve a local authority of the area.' })
  @IsUUID()
  convenorOrganisationId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(4000)
  purpose?: string;

  @Field({ nullable: true, defaultValue: false, description: 'Whether anyone may see the member list.' })
  @IsOptional()
  @IsBoolean()
  membersPublic?: boolean;
}

@InputType()
export class UpdateNetworkInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field({ nullable: true })
  @OptionalNotNull()
  @Trim()
  @MinLength(3)
  @MaxLength(200)
  name?: string;

  @Field(() => String, { nullable: true, description: '`null` clears it.' })
  @IsOptional()
  @Trim()
  @MaxLength(4000)
  purpose?: string | null;

  @Field({ nullable: true })
  @OptionalNotNull()
  @IsBoolean()
  membersPublic?: boolean;
}

@InputType()
export class ChangeNetworkStatusInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field(() => NetworkStatus)
  @IsEnum(NetworkStatus)
  status!: NetworkStatus;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(1000)
  reason?: string;
}

@InputType()
export class InviteToNetworkInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field(() => ID)
  @IsUUID()
  organisationId!: string;

  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER })
  @IsEnum(MembershipRole)
  role!: MembershipRole;
}

@InputType()
export class RequestToJoinNetworkInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field(() => ID, { description: 'The organisation asking (you must be one of its admins).' })
  @IsUUID()
  organisationId!: string;

  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER, description: 'MEMBER or OBSERVER.' })
  @IsIn([MembershipRole.MEMBER, MembershipRole.OBSERVER], { message: 'must be MEMBER or OBSERVER' })
  role!: MembershipRole;
}

@InputType({ description: 'A yes or no to a pending invitation or request.' })
export class AnswerMembershipInput {
  @Field(() => ID)
  @IsUUID()
  membershipId!: string;

  @Field()
  @IsBoolean()
  accept!: boolean;
}

@InputType({ description: 'Ends a membership (leaving, or removal by a convenor).' })
export class EndMembershipInput {
  @Field(() => ID)
  @IsUUID()
  membershipId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(1000)
  reason?: string;
}

@InputType()
export class ChangeMembershipRoleInput {
  @Field(() => ID)
  @IsUUID()
  membershipId!: string;

  @Field(() => MembershipRole)
  @IsEnum(MembershipRole)
  role!: MembershipRole;
}

@InputType({ description: 'Makes an active member CVS a convenor and the handing convenor a member, at once.' })
export class HandOverConveningInput {
  @Field(() => ID)
  @IsUUID()
  networkId!: string;

  @Field(() => ID, { description: 'The convenor stepping down to MEMBER.' })
  @IsUUID()
  fromOrganisationId!: string;

  @Field(() => ID, { description: 'An active member CVS of the network, serving the area.' })
  @IsUUID()
  toOrganisationId!: string;
}

@ObjectType()
export class NetworkPayload {
  @Field(() => LocalNetwork)
  network!: LocalNetwork;
}

@ObjectType()
export class MembershipPayload {
  @Field(() => NetworkMembership)
  membership!: NetworkMembership;
}
