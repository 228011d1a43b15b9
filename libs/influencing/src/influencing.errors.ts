import type { RefusalDescriptions } from '@app/common';

/** Why influencing refuses: offices, elections, engagement, plans. */
export enum InfluencingRefusal {
  ROUND_TAKEN = 'ROUND_TAKEN',
  ALREADY_A_CANDIDATE = 'ALREADY_A_CANDIDATE',
  HUSTINGS_TAKEN = 'HUSTINGS_TAKEN',
  NOT_IN_OFFICE = 'NOT_IN_OFFICE',
  NOT_CONTESTED = 'NOT_CONTESTED',
  IN_THE_FUTURE = 'IN_THE_FUTURE',
}

export const INFLUENCING_REFUSALS: RefusalDescriptions<InfluencingRefusal> = {
  ROUND_TAKEN: 'An election round of this kind is already scheduled on that polling day.',
  ALREADY_A_CANDIDATE: 'The person is already a candidate in this contest.',
  HUSTINGS_TAKEN: 'The event is already the hustings of another round.',
  NOT_IN_OFFICE: 'The office-holder was not in office then (or not in this area).',
  NOT_CONTESTED: 'The area is not contested in that election round.',
  IN_THE_FUTURE: 'An engagement is recorded once it has happened (record events to come as events).',
};

declare module '@app/common' {
  interface RefusalReasons {
    influencing: InfluencingRefusal;
  }
}
