import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AffiliationRole } from '../person/person.enums';

@ObjectType('Invitation', { description: 'An invitation of an email address to join an organisation.' })
export class Invitation {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => AffiliationRole)
  role!: AffiliationRole;

  @Field()
  createdAt!: Date;

  @Field()
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  acceptedAt!: Date | null;

  organisationId!: string;
}
