import type { RefusalDescriptions } from '@app/common';

/** Why drafting refuses: the text, its lifecycle, sign-on, review. */
export enum DraftingRefusal {
  TEXT_FIXED = 'TEXT_FIXED',
  EMPTY_DRAFT = 'EMPTY_DRAFT',
  NOT_AGREED = 'NOT_AGREED',
  NOT_SUBMITTED = 'NOT_SUBMITTED',
  ALREADY_SIGNED = 'ALREADY_SIGNED',
  NOT_YOUR_ORGANISATION = 'NOT_YOUR_ORGANISATION',
  SECTION_REMOVED = 'SECTION_REMOVED',
  REVISION_AHEAD = 'REVISION_AHEAD',
  STALE_REVISION = 'STALE_REVISION',
  SUGGESTION_SETTLED = 'SUGGESTION_SETTLED',
  TOO_MANY_SECTIONS = 'TOO_MANY_SECTIONS',
  DRAFT_FULL = 'DRAFT_FULL',
  PRESENCE_TOO_FAST = 'PRESENCE_TOO_FAST',
  TOO_MANY_PRESENCES = 'TOO_MANY_PRESENCES',
}

export const DRAFTING_REFUSALS: RefusalDescriptions<DraftingRefusal> = {
  TEXT_FIXED: 'The joint position is past DRAFT, so its text is fixed (reopen it to edit).',
  EMPTY_DRAFT: 'An empty draft cannot be agreed.',
  NOT_AGREED: 'Only an AGREED text is signed, submitted or exported.',
  NOT_SUBMITTED: "The PCC's response is recorded only for a SUBMITTED position.",
  ALREADY_SIGNED: 'The organisation has already signed this text.',
  NOT_YOUR_ORGANISATION: 'One writes only for an organisation one works for.',
  SECTION_REMOVED: 'The section was removed from the draft.',
  REVISION_AHEAD: 'The base revision given is ahead of the draft.',
  STALE_REVISION: 'The words the change rests on have changed since its base revision: it no longer applies.',
  SUGGESTION_SETTLED: 'The suggestion was already accepted, rejected or withdrawn.',
  TOO_MANY_SECTIONS: 'A joint position has at most its limit of sections.',
  DRAFT_FULL: 'As many connections as a draft may hold have it open: try again later.',
  PRESENCE_TOO_FAST: 'A connection moves or pulses typing faster than presence allows: slow down.',
  TOO_MANY_PRESENCES: 'You have the draft open on as many connections as one person may: close one first.',
};

declare module '@app/common' {
  interface RefusalReasons {
    drafting: DraftingRefusal;
  }
}
