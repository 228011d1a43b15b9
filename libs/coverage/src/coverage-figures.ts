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
  readonly convenorIds: readonly string[];
  readonly memberOrganisations: number;
  readonly localAuthoritiesTotal: number;
  readonly localAuthoritiesReached: number;
  readonly reachedLocalAuthorityIds: readonly string[] | null;
  readonly populationReached: number;
  readonly specialismsPresent: readonly string[];
  readonly prioritiesMissing: string[];
  readonly lastActivityAt: Date | null;
  readonly daysSinceLastActivity: number | null;
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
    figures.networksAwaitingVerification > 0 ? [awaitingVerification.of(figures.networksAwaitingVerification)] : [];
  if (figures.activeNetworks === 0) {
    const notActive = figures.openNetworks - figures.networksAwaitingVerification;
    const forming = notActive > 0 ? [notYetActive.of(notActive)] : [];
    return ['no active network', ...awaiting, ...forming];
  }
  const reasons: string[] = [...awaiting];
  if (figures.localAuthoritiesReached < figures.localAuthoritiesTotal) {
    reasons.push(reached.of(`${figures.localAuthoritiesReached} of ${figures.localAuthoritiesTotal}`));
  }
  for (const code of figures.prioritiesMissing) {
    reasons.push(noOrganisationFor.of(labelOf(code)));
  }
  if (figures.daysSinceLastActivity === null) {
    reasons.push('no network activity yet');
  } else if (figures.daysSinceLastActivity > QUIET_AFTER_DAYS) {
    reasons.push(quietFor.of(figures.daysSinceLastActivity));
  }
  if (figures.daysSinceLastEngagement === null) {
    reasons.push("no engagement with the commissioner's office recorded");
  } else if (figures.daysSinceLastEngagement > ENGAGEMENT_QUIET_AFTER_DAYS) {
    reasons.push(unengagedFor.of(figures.daysSinceLastEngagement));
  }
  return reasons;
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Wordings kept of each kind; past this many, a kind starts again (counts and labels are few in practice). */
const MAX_WORDINGS = 1_000;

/**
 * A reason's wording made once for each value of what varies in it (a count, a label): one built
 * anew for every report is a string V8 must flatten each time it writes the answer (national
 * coverage's answer: 68–74 → 60–65 µs to write).
 */
class Wordings<K> {
  private readonly texts = new Map<K, string>();

  constructor(private readonly word: (key: K) => string) {}

  of(key: K): string {
    let text = this.texts.get(key);
    if (text === undefined) {
      if (this.texts.size >= MAX_WORDINGS) {
        this.texts.clear();
      }
      text = this.word(key);
      this.texts.set(key, text);
    }
    return text;
  }
}

const awaitingVerification = new Wordings(
  (n: number) => `${plural(n, 'active network')} awaiting verification of ${n === 1 ? 'its' : 'their'} convening CVS`,
);
const notYetActive = new Wordings((n: number) => `${plural(n, 'network')} not yet active`);
/** Keyed by "<reached> of <total>". */
const reached = new Wordings((ofTotal: string) => `${ofTotal} local authorities reached`);
/** Keyed by the label (not its code: a relabelled specialism gets its new wording). */
const noOrganisationFor = new Wordings((label: string) => `no organisation for ${label.toLowerCase()}`);
const quietFor = new Wordings((days: number) => `no network activity for ${days} days`);
const unengagedFor = new Wordings((days: number) => `no engagement with the commissioner's office for ${days} days`);
