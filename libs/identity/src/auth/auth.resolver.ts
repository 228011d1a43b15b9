import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/common';
import { PersonService } from '../person/person.service';
import { AuthService, type Session } from './auth.service';
import { RefreshSessionInput, SessionPayload, SignInInput, SignOutInput, SignOutPayload } from './dto/sign-in.input';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly people: PersonService,
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

  private async payload(session: Session): Promise<SessionPayload> {
    return { ...session, person: await this.people.getById(session.personId) };
  }
}
