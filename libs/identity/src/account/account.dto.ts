import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { Person } from '../person/person.model';

@InputType()
export class RequestPasswordResetInput {
  @Field({ description: 'The address of the account.' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;
}

@ObjectType()
export class RequestPasswordResetPayload {
  @Field({ description: 'Always true: the answer does not tell whether the address has an account.' })
  requested!: boolean;
}

@InputType()
export class ResetPasswordInput {
  @Field({ description: 'The token from the reset link.' })
  @IsString()
  @Length(20, 200)
  token!: string;

  @Field({ description: 'The new password, at least 12 characters.' })
  @IsString()
  @Length(12, 200, { message: 'must be 12 to 200 characters' })
  password!: string;
}

@ObjectType()
export class AccountPayload {
  @Field(() => Person, { description: 'The account as it is now.' })
  person!: Person;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @Length(1, 200)
  currentPassword!: string;

  @Field({ description: 'The new password, at least 12 characters.' })
  @IsString()
  @Length(12, 200, { message: 'must be 12 to 200 characters' })
  newPassword!: string;
}

@InputType()
export class RequestEmailChangeInput {
  @Field({ description: 'The new address; a confirmation link is sent to it.' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  newEmail!: string;

  @Field({ description: 'The current password, to show it is the owner asking.' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

@ObjectType()
export class RequestEmailChangePayload {
  @Field({ description: 'True once the confirmation link is on its way; the address changes when it is used.' })
  requested!: boolean;
}

@InputType()
export class ConfirmEmailChangeInput {
  @Field({ description: 'The token from the confirmation link.' })
  @IsString()
  @Length(20, 200)
  token!: string;
}
