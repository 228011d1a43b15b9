import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { ApiTokenScopeKind } from '../api-token.enums';
import { ApiToken } from '../api-token.model';

@InputType()
export class CreateApiTokenInput {
  @Field(() => ID, { description: 'The organisation that owns the token (you must be its admin).' })
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field({ description: 'What it is for, e.g. "Reception screen".' })
  @Length(2, 100)
  name!: string;

  @Field(() => ApiTokenScopeKind)
  @IsEnum(ApiTokenScopeKind)
  scopeKind!: ApiTokenScopeKind;

  @Field(() => String, {
    nullable: true,
    description:
      'Required unless NATIONAL: PFA code, network id (a network you may read privately) or organisation id.',
  })
  @IsOptional()
  @MaxLength(64)
  scopeTarget?: string | null;
}

@InputType()
export class RevokeApiTokenInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be an API token id' })
  id!: string;
}

@ObjectType()
export class CreateApiTokenPayload {
  @Field(() => ApiToken)
  apiToken!: ApiToken;

  @Field({ description: 'The secret, shown this once: send it as `Authorization: Bearer …`. Only its hash is stored.' })
  token!: string;
}

@ObjectType()
export class RevokeApiTokenPayload {
  @Field(() => ApiToken)
  apiToken!: ApiToken;
}
