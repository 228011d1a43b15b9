import { Trim } from '@app/common';
import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Organisation } from '@app/organisations';
import { SessionPayload } from '../../auth/dto/sign-in.input';
import { AffiliationRole } from '../../person/person.enums';
import { Invitation } from '../invitation.model';

@InputType()
export class InviteToOrganisationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field()
  @Trim()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => AffiliationRole, { defaultValue: AffiliationRole.STAFF })
  @IsEnum(AffiliationRole)
  role!: AffiliationRole;
}

@ObjectType()
export class InviteToOrganisationPayload {
  @Field(() => Invitation)
  invitation!: Invitation;

  /** The invitee gets the token by email (its accept link); the inviter never sees it. */
  @Field(() => String, {
    nullable: true,
    deprecationReason: 'The invitation is emailed to the invitee with its accept link; this is always null.',
  })
  token!: null;
}

@InputType()
export class AcceptInvitationInput {
  @Field()
  @IsString()
  @Length(20, 200)
  token!: string;

  @Field({ nullable: true, description: 'Needed when the invitation creates a new account.' })
  @IsOptional()
  @Length(2, 100)
  displayName?: string;

  @Field({ nullable: true, description: 'Needed when the invitation creates a new account (at least 12 characters).' })
  @IsOptional()
  @Length(12, 200)
  password?: string;
}

@ObjectType()
export class AcceptInvitationPayload {
  @Field(() => Organisation, { description: 'The organisation joined.' })
  organisation!: Organisation;

  @Field(() => AffiliationRole)
  role!: AffiliationRole;

  @Field(() => SessionPayload, { nullable: true, description: 'A signed-in session when a new account was created.' })
  session!: SessionPayload | null;
}
