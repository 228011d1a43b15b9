import { registerEnumType } from '@nestjs/graphql';

export enum OrganisationKind {
  CVS = 'CVS',
  VOLUNTARY_ORGANISATION = 'VOLUNTARY_ORGANISATION',
  NATIONAL_PARTNER = 'NATIONAL_PARTNER',
  STATUTORY = 'STATUTORY',
  OTHER = 'OTHER',
}

/** Whether a CVS's claim to be one has been checked by a platform admin. */
export enum VerificationStatus {
  VERIFIED = 'VERIFIED',
  AWAITING_VERIFICATION = 'AWAITING_VERIFICATION',
}

export enum OrganisationStatus {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  valuesMap: {
    CVS: {
      description:
        'A Council for Voluntary Service (local infrastructure charity); a claim until a platform admin verifies it (`verifyOrganisation`). A verified CVS may convene networks.',
    },
    VOLUNTARY_ORGANISATION: { description: 'A local or regional voluntary or community organisation.' },
    NATIONAL_PARTNER: { description: 'A national specialist or infrastructure body tracking coverage across areas.' },
    STATUTORY: { description: 'A statutory body, e.g. a PCC office, probation or a local authority team.' },
    OTHER: {},
  },
});
registerEnumType(OrganisationStatus, {
  name: 'OrganisationStatus',
  description: 'Archived organisations stay visible where others reference them; nothing is hard-deleted.',
});
registerEnumType(VerificationStatus, {
  name: 'VerificationStatus',
  valuesMap: {
    VERIFIED: {
      description: 'A platform admin checked the evidence: the CVS may convene and its networks count in coverage.',
    },
    AWAITING_VERIFICATION: {
      description:
        'Not yet verified (or verification withdrawn): it cannot convene, and coverage does not count networks only it convenes.',
    },
  },
});
