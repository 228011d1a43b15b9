import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@app/common';
import { OrganisationKind, OrganisationStatus, VerificationStatus } from './organisation.enums';

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

@ObjectType('VerificationEvidence', { description: 'What the platform admin checked when verifying a CVS.' })
export class VerificationEvidence {
  @Field({ description: "The registered charity number was checked against the Charity Commission's register." })
  charityNumberChecked!: boolean;

  @Field({ description: 'The organisation is a member of the national body for CVSs (NAVCA, or WCVA in Wales).' })
  nationalBodyMember!: boolean;

  @Field(() => String, { nullable: true, description: "The admin's note." })
  note!: string | null;
}

@ObjectType('OrganisationVerification', {
  description:
    "Whether a CVS's claim to be one has been verified by a platform admin. The status and date are public; the evidence only platform admins see.",
})
export class OrganisationVerification {
  @Field(() => VerificationStatus)
  status!: VerificationStatus;

  @Field(() => Date, { nullable: true, description: 'When it was verified (null while awaiting verification).' })
  verifiedAt!: Date | null;

  @Field(() => VerificationEvidence, {
    nullable: true,
    description: 'The evidence checked: platform admins only (null for others, and while awaiting verification).',
  })
  evidence!: VerificationEvidence | null;

  /** The platform admin who verified (identity resolves `verifiedBy` for admins). */
  verifiedByPersonId!: string | null;
}
