import type { RefusalDescriptions } from '@app/common';

/** Why the organisations context refuses. */
export enum OrganisationRefusal {
  ORGANISATION_ARCHIVED = 'ORGANISATION_ARCHIVED',
  CVS_SERVES_NO_AREA = 'CVS_SERVES_NO_AREA',
  SPECIALISM_EXISTS = 'SPECIALISM_EXISTS',
}

export const ORGANISATION_REFUSALS: RefusalDescriptions<OrganisationRefusal> = {
  ORGANISATION_ARCHIVED:
    'The organisation is archived: it can no longer be changed, invited, or act for a network or event.',
  CVS_SERVES_NO_AREA: 'A CVS must serve at least one local authority.',
  SPECIALISM_EXISTS: 'A specialism with this code already exists.',
};

declare module '@app/common' {
  interface RefusalReasons {
    organisations: OrganisationRefusal;
  }
}
