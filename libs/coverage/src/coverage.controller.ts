import { Controller, Get, Header, Query } from '@nestjs/common';
import { asHttpError, DomainError, spreadsheetCsv } from '@app/common';
import { Country, GovernanceService, Region } from '@app/geography';
import { OrganisationService, SpecialismService } from '@app/organisations';
import { labeller, reasonsFor } from './coverage-figures';
import { CoverageService } from './coverage.service';

const COLUMNS = [
  'area_code',
  'area',
  'region',
  'country',
  'governance_type',
  'office',
  'status',
  'reasons',
  'active_networks',
  'open_networks',
  'convenors',
  'member_organisations',
  'local_authorities_reached',
  'local_authorities_total',
  'population',
  'population_reached',
  'population_reached_pct',
  'specialisms_present',
  'priority_specialisms_missing',
  'last_activity_on',
  'days_since_last_activity',
  'last_engagement_on',
  'days_since_last_engagement',
];

/** The national coverage table as CSV, for the spreadsheets partners already keep. Public, like `coverage`. */
@Controller()
export class CoverageCsvController {
  constructor(
    private readonly coverage: CoverageService,
    private readonly organisations: OrganisationService,
    private readonly specialisms: SpecialismService,
    private readonly governance: GovernanceService,
  ) {}

  @Get('coverage.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="convene-coverage.csv"')
  async csv(
    @Query('region') region?: string,
    @Query('country') country?: string,
    @Query('specialism') specialism?: string,
  ): Promise<string> {
    const filter = {
      region: oneOf(Region, region, 'region'),
      country: oneOf(Country, country, 'country'),
      specialism: specialism?.trim() || undefined,
    };
    const [rows, vocabulary] = await Promise.all([
      this.coverage.areas(filter).catch((error: unknown) => {
        throw asHttpError(error);
      }),
      this.specialisms.list(),
    ]);
    const governance = await this.governance.currentByAreaIds(rows.map((r) => r.policeForceAreaId));
    const names = new Map(
      (await this.organisations.findByIds([...new Set(rows.flatMap((r) => r.convenorIds))])).map((o) => [o.id, o.name]),
    );
    const labelOf = labeller(vocabulary);
    const records = rows.map((r) => [
      r.code,
      r.name,
      r.region,
      r.country,
      governance.get(r.policeForceAreaId)?.type ?? '',
      governance.get(r.policeForceAreaId)?.office ?? '',
      r.status,
      reasonsFor(r, labelOf).join('; '),
      r.activeNetworks,
      r.openNetworks,
      r.convenorIds.map((id) => names.get(id) ?? id).sort().join('; '),
      r.memberOrganisations,
      r.localAuthoritiesReached,
      r.localAuthoritiesTotal,
      r.population,
      r.populationReached,
      r.population > 0 ? ((100 * r.populationReached) / r.population).toFixed(1) : '0.0',
      r.specialismsPresent.map(labelOf).join('; '),
      r.prioritiesMissing.map(labelOf).join('; '),
      r.lastActivityAt ? r.lastActivityAt.toISOString().slice(0, 10) : '',
      r.daysSinceLastActivity ?? '',
      r.lastEngagementOn ?? '',
      r.daysSinceLastEngagement ?? '',
    ]);
    return spreadsheetCsv([COLUMNS, ...records]);
  }
}

function oneOf<T extends Record<string, string>>(values: T, given: string | undefined, name: string): T[keyof T] | undefined {
  if (given === undefined || given === '') {
    return undefined;
  }
  if (!Object.values(values).includes(given)) {
    throw asHttpError(DomainError.invalidInput(name, `must be one of ${Object.values(values).join(', ')}`));
  }
  return given as T[keyof T];
}
