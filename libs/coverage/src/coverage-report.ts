import { type AreaFigures, engagementQuiet, labeller, reasonsFor } from './coverage-figures';
import { CoverageStatus } from './coverage.enums';
import type { AreaCoverage, CoverageReport, NationalCoverage } from './coverage.model';

const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

export function toAreaCoverage(figures: AreaFigures, labelOf: (code: string) => string): AreaCoverage {
  return {
    status: figures.status,
    reasons: reasonsFor(figures, labelOf),
    activeNetworkCount: figures.activeNetworks,
    openNetworkCount: figures.openNetworks,
    awaitingVerificationNetworkCount: figures.networksAwaitingVerification,
    memberOrganisationCount: figures.memberOrganisations,
    localAuthoritiesTotal: figures.localAuthoritiesTotal,
    localAuthoritiesReached: figures.localAuthoritiesReached,
    population: figures.population,
    populationReached: figures.populationReached,
    populationReachedShare: share(figures.populationReached, figures.population),
    lastActivityAt: figures.lastActivityAt,
    daysSinceLastActivity: figures.daysSinceLastActivity,
    lastEngagementOn: figures.lastEngagementOn,
    daysSinceLastEngagement: figures.daysSinceLastEngagement,
    engagementQuiet: engagementQuiet(figures),
    policeForceAreaId: figures.policeForceAreaId,
    convenorIds: figures.convenorIds,
    reachedLocalAuthorityIds: figures.reachedLocalAuthorityIds,
    specialismCodes: figures.specialismsPresent,
    missingPriorityCodes: figures.prioritiesMissing,
  };
}

/** The report over at most 43 rows of SQL-computed figures: sums and counts, no data-sized work. */
export function toReport(
  rows: readonly AreaFigures[],
  vocabulary: readonly { code: string; label: string }[],
  priorityCodes: string[],
): CoverageReport {
  const labelOf = labeller(vocabulary);
  const areas = rows.map((row) => toAreaCoverage(row, labelOf));
  const population = sum(areas.map((a) => a.population));
  const populationReached = sum(areas.map((a) => a.populationReached));
  const national: NationalCoverage = {
    areaCount: areas.length,
    areasWithActiveNetwork: areas.filter((a) => a.activeNetworkCount > 0).length,
    green: areas.filter((a) => a.status === CoverageStatus.GREEN).length,
    amber: areas.filter((a) => a.status === CoverageStatus.AMBER).length,
    red: areas.filter((a) => a.status === CoverageStatus.RED).length,
    population,
    populationReached,
    populationReachedShare: share(populationReached, population),
  };
  const bySpecialism = vocabulary.map(({ code }) => {
    const present = areas.filter((a) => a.specialismCodes.includes(code)).map((a) => a.policeForceAreaId);
    return { specialismCode: code, areaCount: present.length, policeForceAreaIds: present };
  });
  return { areas, national, bySpecialism, priorityCodes };
}

const sum = (values: number[]): number => values.reduce((total, v) => total + v, 0);
