import { registerEnumType } from '@nestjs/graphql';

export enum CoverageStatus {
  RED = 'RED',
  AMBER = 'AMBER',
  GREEN = 'GREEN',
}

/** No network activity for longer than this makes an area quiet (AMBER). */
export const QUIET_AFTER_DAYS = 90;

registerEnumType(CoverageStatus, {
  name: 'CoverageStatus',
  description: `How well an area is covered. RED: no active network. AMBER: an active network with a gap: a local authority not reached, a priority specialism missing, or no network activity for over ${QUIET_AFTER_DAYS} days. GREEN: no gap.`,
});
