import { registerEnumType } from '@nestjs/graphql';

export enum PositionStatus {
  DRAFTING = 'DRAFTING',
  CONSULTATION = 'CONSULTATION',
  AGREED = 'AGREED',
  SUBMITTED = 'SUBMITTED',
  RESPONDED = 'RESPONDED',
  WITHDRAWN = 'WITHDRAWN',
}

/** Status moves a convenor may make (AGREED → DRAFTING reopens it and voids the sign-ons). */
export const POSITION_STATUS_MOVES: Readonly<Record<PositionStatus, readonly PositionStatus[]>> = {
  [PositionStatus.DRAFTING]: [PositionStatus.CONSULTATION, PositionStatus.AGREED, PositionStatus.WITHDRAWN],
  [PositionStatus.CONSULTATION]: [PositionStatus.DRAFTING, PositionStatus.AGREED, PositionStatus.WITHDRAWN],
  [PositionStatus.AGREED]: [PositionStatus.DRAFTING, PositionStatus.WITHDRAWN],
  [PositionStatus.SUBMITTED]: [PositionStatus.WITHDRAWN],
  [PositionStatus.RESPONDED]: [],
  [PositionStatus.WITHDRAWN]: [],
};

/** While the text may change. */
export const EDITABLE: readonly PositionStatus[] = [PositionStatus.DRAFTING, PositionStatus.CONSULTATION];

export enum RevisionKind {
  SECTION_ADDED = 'SECTION_ADDED',
  SECTION_EDITED = 'SECTION_EDITED',
  SECTION_REMOVED = 'SECTION_REMOVED',
  SECTIONS_REORDERED = 'SECTIONS_REORDERED',
}

export enum SuggestionStatus {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}

registerEnumType(SuggestionStatus, {
  name: 'SuggestionStatus',
  description: "A tracked change's fate: the section's lead organisation or a convenor decides.",
});
registerEnumType(PositionStatus, {
  name: 'PositionStatus',
  description: "Where a joint position is on its way to the commissioner. Only the network's convenors move it.",
  valuesMap: {
    DRAFTING: { description: 'Members write it.' },
    CONSULTATION: { description: 'Shared for comment; still editable.' },
    AGREED: { description: 'The text is fixed; organisations sign on to it.' },
    SUBMITTED: { description: 'Sent; public unless marked otherwise.' },
    RESPONDED: { description: "The commissioner's response is recorded." },
    WITHDRAWN: { description: 'Abandoned; kept for the record.' },
  },
});
registerEnumType(RevisionKind, { name: 'RevisionKind', description: 'What a revision did.' });
