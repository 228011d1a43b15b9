import { registerEnumType } from '@nestjs/graphql';

export enum CoverageStatus {
  RED = 'RED',
  AMBER = 'AMBER',
  GREEN = 'GREEN',
}

/** No network activity for longer than this makes an area quiet (AMBER). */
export const QUIET_AFTER_DAYS = 90;

/** No engagement with the commissioner's office for longer than this (or ever) makes an area quiet (AMBER). */
export const ENGAGEMENT_QUIET_AFTER_DAYS = 180;

registerEnumType(CoverageStatus, {
  name: 'CoverageStatus',
  description: `How well an area is covered. RED: no active network counted (networks whose convenors are not yet verified CVSs are not counted). AMBER: an active network with a gap: a local authority not reached, a priority specialism missing, no network activity for over ${QUIET_AFTER_DAYS} days, or no engagement with the commissioner's office for over ${ENGAGEMENT_QUIET_AFTER_DAYS} days (or ever). GREEN: no gap.`,
});
