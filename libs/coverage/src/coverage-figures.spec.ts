import { describe, expect, it } from '@jest/globals';
// Types only: loading the geography context would cost this file more than its tests.
import type { Country, Region } from '@app/geography';
import { type AreaFigures, engagementQuiet, labeller, reasonsFor } from './coverage-figures';
import { CoverageStatus, ENGAGEMENT_QUIET_AFTER_DAYS, QUIET_AFTER_DAYS } from './coverage.enums';

const covered: AreaFigures = {
  policeForceAreaId: 'a',
  code: 'E23000001',
  name: 'Somewhere',
  region: 'NORTH_EAST' as Region,
  country: 'ENGLAND' as Country,
  population: 1000,
  activeNetworks: 1,
  openNetworks: 1,
  networksAwaitingVerification: 0,
  convenorIds: ['o'],
  memberOrganisations: 3,
  localAuthoritiesTotal: 2,
  localAuthoritiesReached: 2,
  reachedLocalAuthorityIds: ['la1', 'la2'],
  populationReached: 1000,
  specialismsPresent: ['HOUSING'],
  prioritiesMissing: [],
  lastActivityAt: new Date('2026-01-01T00:00Z'),
  daysSinceLastActivity: 1,
  lastEngagementOn: '2026-01-01',
  daysSinceLastEngagement: 1,
  status: CoverageStatus.GREEN,
};
const labelOf = labeller([{ code: 'WOMEN', label: 'Women' }]);

describe('coverage reasons', () => {
  it('gives none for an area without a gap', () => {
    expect(reasonsFor(covered, labelOf)).toEqual([]);
  });

  it('gives only the missing network for an area without an active one', () => {
    expect(reasonsFor({ ...covered, activeNetworks: 0, openNetworks: 0, localAuthoritiesReached: 0 }, labelOf)).toEqual([
      'no active network',
    ]);
    expect(reasonsFor({ ...covered, activeNetworks: 0, openNetworks: 2 }, labelOf)).toEqual([
      'no active network',
      '2 networks not yet active',
    ]);
    expect(reasonsFor({ ...covered, activeNetworks: 0, openNetworks: 1 }, labelOf)).toEqual([
      'no active network',
      '1 network not yet active',
    ]);
  });

  it('says which active networks await verification of their convening CVS instead of counting them', () => {
    expect(reasonsFor({ ...covered, activeNetworks: 0, networksAwaitingVerification: 1, openNetworks: 1 }, labelOf)).toEqual([
      'no active network',
      '1 active network awaiting verification of its convening CVS',
    ]);
    expect(reasonsFor({ ...covered, activeNetworks: 0, networksAwaitingVerification: 2, openNetworks: 3 }, labelOf)).toEqual([
      'no active network',
      '2 active networks awaiting verification of their convening CVS',
      '1 network not yet active',
    ]);
    expect(reasonsFor({ ...covered, networksAwaitingVerification: 1, openNetworks: 2 }, labelOf)).toEqual([
      '1 active network awaiting verification of its convening CVS',
    ]);
  });

  it('names every gap of an active network, with labels from the vocabulary (codes if unknown)', () => {
    expect(
      reasonsFor(
        {
          ...covered,
          localAuthoritiesReached: 1,
          prioritiesMissing: ['WOMEN', 'ODD'],
          daysSinceLastActivity: QUIET_AFTER_DAYS + 1,
          daysSinceLastEngagement: null,
        },
        labelOf,
      ),
    ).toEqual([
      '1 of 2 local authorities reached',
      'no organisation for women',
      'no organisation for odd',
      `no network activity for ${QUIET_AFTER_DAYS + 1} days`,
      "no engagement with the commissioner's office recorded",
    ]);
    expect(
      reasonsFor(
        { ...covered, daysSinceLastActivity: null, daysSinceLastEngagement: ENGAGEMENT_QUIET_AFTER_DAYS + 1 },
        labelOf,
      ),
    ).toEqual([
      'no network activity yet',
      `no engagement with the commissioner's office for ${ENGAGEMENT_QUIET_AFTER_DAYS + 1} days`,
    ]);
  });

  it('words every count and label as it is, however many distinct ones reports have shown (wordings are kept)', () => {
    for (let days = QUIET_AFTER_DAYS + 1; days < QUIET_AFTER_DAYS + 2_500; days++) {
      const [quiet] = reasonsFor({ ...covered, daysSinceLastActivity: days }, labelOf);
      expect(quiet).toBe(`no network activity for ${days} days`);
    }
    const relabelled = labeller([{ code: 'WOMEN', label: 'Women and girls' }]);
    expect(reasonsFor({ ...covered, prioritiesMissing: ['WOMEN'] }, labelOf)).toEqual(['no organisation for women']);
    expect(reasonsFor({ ...covered, prioritiesMissing: ['WOMEN'] }, relabelled)).toEqual([
      'no organisation for women and girls',
    ]);
    expect(reasonsFor({ ...covered, localAuthoritiesReached: 1, localAuthoritiesTotal: 12 }, labelOf)).toEqual([
      '1 of 12 local authorities reached',
    ]);
    expect(reasonsFor({ ...covered, localAuthoritiesReached: 11, localAuthoritiesTotal: 2 + 10 }, labelOf)).toEqual([
      '11 of 12 local authorities reached',
    ]);
  });

  it('counts an area quiet on engagement past the limit or never, and only with an active network', () => {
    expect(engagementQuiet(covered)).toBe(false);
    expect(engagementQuiet({ ...covered, daysSinceLastEngagement: ENGAGEMENT_QUIET_AFTER_DAYS })).toBe(false);
    expect(engagementQuiet({ ...covered, daysSinceLastEngagement: ENGAGEMENT_QUIET_AFTER_DAYS + 1 })).toBe(true);
    expect(engagementQuiet({ ...covered, daysSinceLastEngagement: null })).toBe(true);
    expect(engagementQuiet({ ...covered, activeNetworks: 0, daysSinceLastEngagement: null })).toBe(false);
  });
});
