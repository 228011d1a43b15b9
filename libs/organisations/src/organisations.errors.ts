import type { RefusalDescriptions } from '@app/common';

/** Why the organisations context refuses. */
export enum OrganisationRefusal {
  ORGANISATION_ARCHIVED = 'ORGANISATION_ARCHIVED',
  CVS_SERVES_NO_AREA = 'CVS_SERVES_NO_AREA',
  SPECIALISM_EXISTS = 'SPECIALISM_EXISTS',
  ONLY_A_CVS_IS_VERIFIED = 'ONLY_A_CVS_IS_VERIFIED',
  VERIFICATION_NEEDS_EVIDENCE = 'VERIFICATION_NEEDS_EVIDENCE',
  NO_CHARITY_NUMBER = 'NO_CHARITY_NUMBER',
}

export const ORGANISATION_REFUSALS: RefusalDescriptions<OrganisationRefusal> = {
  ORGANISATION_ARCHIVED:
    'The organisation is archived: it can no longer be changed, invited, or act for a network or event.',
  CVS_SERVES_NO_AREA: 'A CVS must serve at least one local authority.',
  SPECIALISM_EXISTS: 'A specialism with this code already exists.',
  ONLY_A_CVS_IS_VERIFIED: "Verification confirms a CVS's claim to be one: other kinds are not verified.",
  VERIFICATION_NEEDS_EVIDENCE:
    'Verifying needs evidence: the charity number checked, or membership of the national CVS body.',
  NO_CHARITY_NUMBER: 'The organisation has no charity number to check: add it to its profile first.',
};

declare module '@app/common' {
  interface RefusalReasons {
    organisations: OrganisationRefusal;
  }
}
