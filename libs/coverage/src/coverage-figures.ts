import { Country, Region } from '@app/geography';
import { CoverageStatus, ENGAGEMENT_QUIET_AFTER_DAYS, QUIET_AFTER_DAYS } from './coverage.enums';

/** One row of the `coverage_area` view: an area's figures, computed in SQL. */
export interface AreaFigures {
  readonly policeForceAreaId: string;
  readonly code: string;
  readonly name: string;
  readonly region: Region;
  readonly country: Country;
  readonly population: number;
  /** Active networks counted: one of their active convenors is a verified CVS. */
  readonly activeNetworks: number;
  /** Active networks not counted: none of their active convenors is a verified CVS yet. */
  readonly networksAwaitingVerification: number;
  readonly openNetworks: number;
  readonly convenorIds: string[];
  readonly memberOrganisations: number;
  readonly localAuthoritiesTotal: number;
  readonly localAuthoritiesReached: number;
  /** Null where the report was read without them (see `CoverageService.areasWithPoliceForceAreas`). */
  readonly reachedLocalAuthorityIds: string[] | null;
  readonly populationReached: number;
  readonly specialismsPresent: string[];
  readonly prioritiesMissing: string[];
  readonly lastActivityAt: Date | null;
  readonly daysSinceLastActivity: number | null;
  /** Null where none, or where the report was read without it (see `CoverageService.areasWithPoliceForceAreas`). */
  readonly lastEngagementOn: string | null;
  readonly daysSinceLastEngagement: number | null;
  readonly status: CoverageStatus;
}

/** Whether an area's active networks have not engaged the commissioner's office lately (or ever). */
export const engagementQuiet = (figures: AreaFigures): boolean =>
  figures.activeNetworks > 0 &&
  (figures.daysSinceLastEngagement === null || figures.daysSinceLastEngagement > ENGAGEMENT_QUIET_AFTER_DAYS);

/** A specialism's label from the vocabulary (its code if unknown). */
export const labeller =
  (vocabulary: readonly { code: string; label: string }[]) =>
  (code: string): string =>
    vocabulary.find((s) => s.code === code)?.label ?? code;

/** Why an area has its status, in words, from its figures and the priority labels. */
export function reasonsFor(figures: AreaFigures, labelOf: (code: string) => string): string[] {
  const awaiting =
    figures.networksAwaitingVerification > 0
      ? [
          `${plural(figures.networksAwaitingVerification, 'active network')} awaiting verification of ${figures.networksAwaitingVerification === 1 ? 'its' : 'their'} convening CVS`,
        ]
      : [];
  if (figures.activeNetworks === 0) {
    const notActive = figures.openNetworks - figures.networksAwaitingVerification;
    const forming = notActive > 0 ? [`${plural(notActive, 'network')} not yet active`] : [];
    return ['no active network', ...awaiting, ...forming];
  }
  const reasons: string[] = [...awaiting];
  if (figures.localAuthoritiesReached < figures.localAuthoritiesTotal) {
    reasons.push(`${figures.localAuthoritiesReached} of ${figures.localAuthoritiesTotal} local authorities reached`);
  }
  for (const code of figures.prioritiesMissing) {
    reasons.push(`no organisation for ${labelOf(code).toLowerCase()}`);
  }
  if (figures.daysSinceLastActivity === null) {
    reasons.push('no network activity yet');
  } else if (figures.daysSinceLastActivity > QUIET_AFTER_DAYS) {
    reasons.push(`no network activity for ${figures.daysSinceLastActivity} days`);
  }
  if (figures.daysSinceLastEngagement === null) {
    reasons.push("no engagement with the commissioner's office recorded");
  } else if (figures.daysSinceLastEngagement > ENGAGEMENT_QUIET_AFTER_DAYS) {
    reasons.push(`no engagement with the commissioner's office for ${figures.daysSinceLastEngagement} days`);
  }
  return reasons;
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
