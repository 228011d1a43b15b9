import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ActingPersonId } from '@app/common';
import {
  AnswerMembershipInput,
  ChangeMembershipRoleInput,
  ChangeNetworkStatusInput,
  CreateNetworkInput,
  EndMembershipInput,
  HandOverConveningInput,
  InviteToNetworkInput,
  MembershipPayload,
  NetworkPayload,
  RequestToJoinNetworkInput,
  UpdateNetworkInput,
} from './dto/network-mutations.input';
import { MembershipFlowsService } from './membership-flows.service';
import { NetworkFlowsService } from './network-flows.service';

/** Convening and membership; who may is decided by the operation policy before these run. */
@Resolver()
export class NetworkMutationResolver {
  constructor(
    private readonly flows: NetworkFlowsService,
    private readonly memberships: MembershipFlowsService,
  ) {}

  @Mutation(() => NetworkPayload, {
    description: 'Creates a FORMING network convened by a CVS serving the area (its people, or platform admins).',
  })
  async createNetwork(
    @Args('input') input: CreateNetworkInput,
    @ActingPersonId() personId: string | null,
  ): Promise<NetworkPayload> {
    return { network: await this.flows.create(personId, input) };
  }

  @Mutation(() => NetworkPayload, {
    description: "Changes a network's name, purpose or member-list visibility (convenors).",
  })
  async updateNetwork(
    @Args('input') input: UpdateNetworkInput,
    @ActingPersonId() personId: string | null,
  ): Promise<NetworkPayload> {
    return { network: await this.flows.update(personId, input) };
  }

  @Mutation(() => NetworkPayload, {
    description: 'Moves a network FORMING → ACTIVE ⇄ DORMANT, or to CLOSED (final) (convenors).',
  })
  async changeNetworkStatus(
    @Args('input') input: ChangeNetworkStatusInput,
    @ActingPersonId() personId: string | null,
  ): Promise<NetworkPayload> {
    return { network: await this.flows.changeStatus(personId, input) };
  }

  @Mutation(() => MembershipPayload, {
    description: 'Invites an organisation (convenors); CONFLICT if it is already in.',
  })
  async inviteToNetwork(
    @Args('input') input: InviteToNetworkInput,
    @ActingPersonId() personId: string | null,
  ): Promise<MembershipPayload> {
    return { membership: await this.memberships.invite(personId, input) };
  }

  @Mutation(() => MembershipPayload, { description: "Asks to join a network (the organisation's admins)." })
  async requestToJoinNetwork(
    @Args('input') input: RequestToJoinNetworkInput,
    @ActingPersonId() personId: string | null,
  ): Promise<MembershipPayload> {
    return { membership: await this.memberships.requestToJoin(personId, input) };
  }

  @Mutation(() => MembershipPayload, {
    description: "Accepts or declines an invitation (the invited organisation's admins).",
  })
  async answerNetworkInvitation(
    @Args('input') input: AnswerMembershipInput,
    @ActingPersonId() personId: string | null,
  ): Promise<MembershipPayload> {
    return { membership: await this.memberships.answerInvitation(personId, input) };
  }

  @Mutation(() => MembershipPayload, { description: 'Approves or declines a request to join (convenors).' })
  async answerJoinRequest(
    @Args('input') input: AnswerMembershipInput,
    @ActingPersonId() personId: string | null,
  ): Promise<MembershipPayload> {
    return { membership: await this.memberships.answerRequest(personId, input) };
  }

  @Mutation(() => MembershipPayload, {
    description:
      "Leaves a network, or withdraws a pending request (the organisation's admins). The last convenor cannot.",
  })
  async leaveNetwork(
    @Args('input') input: EndMembershipInput,
    @ActingPersonId() personId: string | null,
  ): Promise<MembershipPayload> {
    return { membership: await this.memberships.leave(personId, input) };
  }

  @Mutation(() => MembershipPayload, {
    description: 'Removes a member or withdraws an invitation (convenors). The last convenor cannot be removed.',
  })
  async removeFromNetwork(
    @Args('input') input: EndMembershipInput,
    @ActingPersonId() personId: string | null,
  ): Promise<MembershipPayload> {
    return { membership: await this.memberships.remove(personId, input) };
  }

  @Mutation(() => MembershipPayload, {
    description: "Changes an active member's role (convenors); only a CVS serving the area can become CONVENOR.",
  })
  async changeMembershipRole(
    @Args('input') input: ChangeMembershipRoleInput,
    @ActingPersonId() personId: string | null,
  ): Promise<MembershipPayload> {
    return { membership: await this.memberships.changeRole(personId, input) };
  }

  @Mutation(() => NetworkPayload, {
    description: 'Hands convening from one CVS to another active member CVS in one step (convenors).',
  })
  async handOverConvening(
    @Args('input') input: HandOverConveningInput,
    @ActingPersonId() personId: string | null,
  ): Promise<NetworkPayload> {
    return { network: await this.flows.handOverConvening(personId, input) };
  }
}
