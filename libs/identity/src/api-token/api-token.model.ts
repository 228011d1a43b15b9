import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiTokenScopeKind } from './api-token.enums';

@ObjectType('ApiToken', { description: 'A read-only token for a dashboard or integration. The secret is shown once.' })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => ApiTokenScopeKind)
  scopeKind!: ApiTokenScopeKind;

  @Field(() => String, { nullable: true, description: 'PFA code, network id or organisation id; null for NATIONAL.' })
  scopeTarget!: string | null;

  @Field({ description: 'First characters of the token, to recognise it.' })
  prefix!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}
