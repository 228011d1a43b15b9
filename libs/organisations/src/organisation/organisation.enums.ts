import { registerEnumType } from '@nestjs/graphql';

export enum OrganisationKind {
  CVS = 'CVS',
  VOLUNTARY_ORGANISATION = 'VOLUNTARY_ORGANISATION',
  NATIONAL_PARTNER = 'NATIONAL_PARTNER',
  STATUTORY = 'STATUTORY',
  OTHER = 'OTHER',
}

export enum OrganisationStatus {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  valuesMap: {
    CVS: { description: 'A Council for Voluntary Service (local infrastructure charity); may convene networks.' },
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
