import { Trim } from '@app/common';
import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { Person } from '../../person/person.model';

@InputType()
export class SignInInput {
  @Field()
  @Trim()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field()
  @IsString()
  @Length(1, 200)
  password!: string;
}

@InputType()
export class RefreshSessionInput {
  @Field({ description: 'The refresh token of the current session; it is replaced by a new one.' })
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

@InputType()
export class SignOutInput {
  @Field()
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

@ObjectType({ description: 'A signed-in session: send `accessToken` as `Authorization: Bearer …`.' })
export class SessionPayload {
  @Field({ description: 'Short-lived JWT for the Authorization header (or graphql-ws connectionParams).' })
  accessToken!: string;

  @Field()
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Single-use token to get the next session with `refreshSession`; keep it secret.' })
  refreshToken!: string;

  @Field()
  refreshTokenExpiresAt!: Date;

  @Field(() => Person)
  person!: Person;
}

@ObjectType()
export class SignOutPayload {
  @Field({ description: 'True once the session (all its refresh tokens) is revoked.' })
  signedOut!: boolean;
}
