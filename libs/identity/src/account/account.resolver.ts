import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/common';
import { type Actor, CurrentActor } from '../auth/actor';
import {
  AccountPayload,
  ChangePasswordInput,
  ConfirmEmailChangeInput,
  RequestEmailChangeInput,
  RequestEmailChangePayload,
  RequestPasswordResetInput,
  RequestPasswordResetPayload,
  ResetPasswordInput,
} from './account.dto';
import { AccountRecoveryService } from './account-recovery.service';

@Resolver()
export class AccountResolver {
  constructor(private readonly recovery: AccountRecoveryService) {}

  @Mutation(() => RequestPasswordResetPayload, {
    description:
      'Emails a single-use reset link (valid one hour) if the address has an account. The same answer, in the same ' +
      'time, either way (the link is made and sent after the answer); at most three links an hour per account, and ' +
      'ten requests an hour per client address (refused with RESET_REQUESTS_LIMITED).',
  })
  async requestPasswordReset(
    @Args('input') input: RequestPasswordResetInput,
    @Context() context: RequestContext,
  ): Promise<RequestPasswordResetPayload> {
    await this.recovery.requestPasswordReset(input.email, context.clientAddress);
    return { requested: true };
  }

  @Mutation(() => AccountPayload, {
    description: "Sets a new password with the reset link's token, once. Every session of the account ends.",
  })
  async resetPassword(@Args('input') input: ResetPasswordInput): Promise<AccountPayload> {
    return { person: await this.recovery.resetPassword(input.token, input.password) };
  }

  @Mutation(() => AccountPayload, {
    description: "Changes the signed-in person's password; their other sessions end.",
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Args('input') input: ChangePasswordInput,
  ): Promise<AccountPayload> {
    return { person: await this.recovery.changePassword(actor, input.currentPassword, input.newPassword) };
  }

  @Mutation(() => RequestEmailChangePayload, {
    description:
      'Sends a confirmation link to a new address; the account keeps its address until the link is used. The same ' +
      'answer whether or not the address has an account (confirming is refused if it has); at most three links an ' +
      'hour per person.',
  })
  async requestEmailChange(
    @CurrentActor() actor: Actor,
    @Args('input') input: RequestEmailChangeInput,
  ): Promise<RequestEmailChangePayload> {
    await this.recovery.requestEmailChange(actor, input.newEmail, input.password);
    return { requested: true };
  }

  @Mutation(() => AccountPayload, { description: 'Confirms a new address with the token from its link.' })
  async confirmEmailChange(@Args('input') input: ConfirmEmailChangeInput): Promise<AccountPayload> {
    return { person: await this.recovery.confirmEmailChange(input.token) };
  }
}
