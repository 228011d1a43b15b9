import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AffiliationRole } from './person.enums';

@ObjectType('Person', { description: 'Someone who signs in to Convene and acts for one or more organisations.' })
export class Person {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Sign-in email, lower-cased.' })
  email!: string;

  @Field()
  displayName!: string;

  @Field({ description: 'May administer the whole platform.' })
  platformAdmin!: boolean;
}

@ObjectType('Affiliation', { description: 'A person works for an organisation in a role.' })
export class Affiliation {
  @Field(() => AffiliationRole)
  role!: AffiliationRole;

  organisationId!: string;
}
