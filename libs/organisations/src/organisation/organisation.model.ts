import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@app/common';
import { OrganisationKind, OrganisationStatus } from './organisation.enums';

@ObjectType('Organisation', {
  description: 'A CVS, voluntary organisation, national partner or statutory body taking part in Convene.',
})
export class Organisation {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => OrganisationKind)
  kind!: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'Registered charity number (England and Wales).' })
  charityNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Companies House number.' })
  companyNumber!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true, description: 'Public contact address of the organisation.' })
  contactEmail!: string | null;

  @Field(() => OrganisationStatus)
  status!: OrganisationStatus;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export const OrganisationConnection = ConnectionType(Organisation, 'Organisation');
