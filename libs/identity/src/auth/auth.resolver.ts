import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/common';
import { PersonService } from '../person/person.service';
import { SetPasswordWithTokenInput, SetPasswordWithTokenPayload } from '../password/dto/set-password-with-token.input';
import { PasswordService } from '../password/password.service';
import { AuthService, type Session } from './auth.service';
import { RefreshSessionInput, SessionPayload, SignInInput, SignOutInput, SignOutPayload } from './dto/sign-in.input';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly people: PersonService,
    private readonly passwords: PasswordService,
  ) {}

  @Mutation(() => SessionPayload, {
    description: 'Signs in with email and password. Repeated failures are throttled per account and per address.',
  })
  async signIn(@Args('input') input: SignInInput, @Context() context: RequestContext): Promise<SessionPayload> {
    return this.payload(await this.auth.signIn(input.email, input.password, context.clientAddress));
  }

  @Mutation(() => SessionPayload, {
    description: 'Replaces a refresh token by a new session. Reusing a replaced token ends the session everywhere.',
  })
  async refreshSession(@Args('input') input: RefreshSessionInput): Promise<SessionPayload> {
    return this.payload(await this.auth.refresh(input.refreshToken));
  }

  @Mutation(() => SignOutPayload, { description: 'Ends the session the refresh token belongs to.' })
  async signOut(@Args('input') input: SignOutInput): Promise<SignOutPayload> {
    await this.auth.signOut(input.refreshToken);
    return { signedOut: true };
  }

  @Mutation(() => SetPasswordWithTokenPayload, {
    description:
      'Sets a password with a single-use password token (e.g. from `cli.js admin:create`). The token expires; ' +
      "the person's other password tokens become void and their sessions end.",
  })
  async setPasswordWithToken(@Args('input') input: SetPasswordWithTokenInput): Promise<SetPasswordWithTokenPayload> {
    return { person: await this.passwords.setWithToken(input.token, input.password) };
  }

  private async payload(session: Session): Promise<SessionPayload> {
    return { ...session, person: await this.people.getById(session.personId) };
  }
}
