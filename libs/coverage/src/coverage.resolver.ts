import { Args, Info, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  ActingPersonId,
  DomainError,
  fieldsAt,
  loaded,
  Loaders,
  type NoArgs,
  type RequestContext,
  RequestLoaders,
  selects,
  shareList,
} from '@app/common';
import {
  LocalAuthority,
  LocalAuthorityLoaderFactory,
  PoliceForceArea,
  PoliceForceAreaLoaderFactory,
  PoliceForceAreaService,
} from '@app/geography';
import { Organisation, OrganisationLoaderFactory, Specialism } from '@app/organisations';
import { CoverageArgs, CoverageHistoryArgs, SetCoveragePrioritiesInput } from './dto/coverage.args';
import { CoveragePrioritiesPayload } from './dto/coverage.payloads';
import { toReport } from './coverage-report';
import { CoverageLoaderFactory } from './coverage.loader';
import { AreaCoverage, CoverageReport, CoverageSnapshot, SpecialismCoverage } from './coverage.model';
import { CoverageService } from './coverage.service';

const MAX_HISTORY_DAYS = 3 * 366;

@Resolver(() => CoverageReport)
export class CoverageReportResolver {
  constructor(
    private readonly service: CoverageService,
    private readonly areas: PoliceForceAreaService,
    private readonly loaderFactory: CoverageLoaderFactory,
    private readonly areaLoaders: PoliceForceAreaLoaderFactory,
  ) {}

  @Query(() => CoverageReport, {
    description: 'Network coverage area by area (status, reach, specialisms, activity) and its national roll-up.',
  })
  async coverage(
    @Args() { filter }: CoverageArgs,
    @Loaders() loaders: RequestLoaders,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CoverageReport> {
    const {
      rows,
      vocabulary: { vocabulary, priorityCodes, lists },
    } = await this.service.areasWithPoliceForceAreas(filter ?? {}, {
      withConvenors: selects(info, 'areas', 'convenors'),
      convenorFields: fieldsAt(info, 'areas', 'convenors'),
    });
    const report = toReport(
      rows.map((r) => r.figures),
      vocabulary,
      [...priorityCodes], // the report's own: the vocabulary and priorities are kept between requests
    );
    // What this read already holds, the fields below take from it: no statement, no promise per area.
    const specialismByCode = loaders.of(this.loaderFactory).specialismByCode;
    for (const specialism of vocabulary) {
      specialismByCode.prime(specialism.code, specialism);
    }
    for (const entry of report.bySpecialism) {
      entry.specialismEntity = lists.get(entry.specialismCode);
    }
    const areaById = loaders.of(this.areaLoaders).byId;
    report.areas.forEach((coverage, i) => {
      const row = rows[i];
      if (row) {
        coverage.policeForceArea = row.area;
        areaById.prime(row.area.id, row.area);
      }
      const convenors = row?.convenors;
      if (convenors) {
        coverage.convenorOrganisations = convenors;
      }
      coverage.vocabulary = lists;
    });
    return report;
  }

  @Query(() => [CoverageSnapshot], {
    description: "An area's coverage day by day (for trend lines); days before the first snapshot are left out.",
  })
  async coverageHistory(@Args() { policeForceAreaCode, from, to }: CoverageHistoryArgs): Promise<CoverageSnapshot[]> {
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days < 0 || days > MAX_HISTORY_DAYS) {
      throw DomainError.invalidInput('to', `must be on or after \`from\` and at most ${MAX_HISTORY_DAYS} days after it`);
    }
    const area = await this.areas.getByCode(policeForceAreaCode);
    const snapshots = await this.service.history(area.id, from, to);
    return snapshots.flatMap((s) =>
      s
        ? [
            {
              date: s.takenOn,
              status: s.status as CoverageSnapshot['status'],
              activeNetworkCount: s.activeNetworks,
              memberOrganisationCount: s.memberOrganisations,
              localAuthoritiesReached: s.localAuthoritiesReached,
              localAuthoritiesTotal: s.localAuthoritiesTotal,
              populationReached: Number(s.populationReached),
              specialismsPresent: s.specialismsPresent,
            },
          ]
        : [],
    );
  }

  @Query(() => [Specialism], { description: 'The specialisms every area should reach, most important first.' })
  async coveragePriorities(@Loaders() loaders: RequestLoaders): Promise<Specialism[]> {
    const priorities = await this.service.priorities();
    return this.specialismsFor(
      loaders,
      priorities.map((p) => p.specialismCode),
    );
  }

  @Mutation(() => CoveragePrioritiesPayload, { description: 'Sets the priority specialisms (platform admins).' })
  async setCoveragePriorities(
    @Args('input') input: SetCoveragePrioritiesInput,
    @ActingPersonId() personId: string | null,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CoveragePrioritiesPayload> {
    const priorities = await this.service.setPriorities(personId, input.specialisms);
    return {
      priorities: await this.specialismsFor(
        loaders,
        priorities.map((p) => p.specialismCode),
      ),
    };
  }

  @ResolveField(() => [Specialism], { description: 'The priority specialisms the report measured against.' })
  priorities(report: CoverageReport, _args: NoArgs, { loaders }: RequestContext): Promise<Specialism[]> {
    return this.specialismsFor(loaders, report.priorityCodes);
  }

  private async specialismsFor(loaders: RequestLoaders, codes: string[]): Promise<Specialism[]> {
    return loaded(await loaders.of(this.loaderFactory).specialismByCode.loadMany(codes));
  }
}

@Resolver(() => AreaCoverage)
export class AreaCoverageResolver {
  constructor(
    private readonly service: CoverageService,
    private readonly coverageLoaders: CoverageLoaderFactory,
    private readonly areaLoaders: PoliceForceAreaLoaderFactory,
    private readonly authorityLoaders: LocalAuthorityLoaderFactory,
    private readonly organisationLoaders: OrganisationLoaderFactory,
  ) {}

  @ResolveField(() => PoliceForceArea)
  policeForceArea(
    coverage: AreaCoverage,
    _args: NoArgs,
    { loaders }: RequestContext,
  ): PoliceForceArea | Promise<PoliceForceArea> {
    return coverage.policeForceArea ?? loaders.of(this.areaLoaders).byId.load(coverage.policeForceAreaId);
  }

  @ResolveField(() => [Organisation], { description: 'CVSs actively convening an active network in the area.' })
  convenors(
    coverage: AreaCoverage,
    _args: NoArgs,
    { loaders }: RequestContext,
    info: GraphQLResolveInfo,
  ): Organisation[] | Promise<Organisation[]> {
    // Read with the report where it asked for them, with the fields it asked (a nested list may ask for more).
    const attached = coverage.convenorOrganisations;
    return attached && this.service.convenorsServe(attached, fieldsAt(info))
      ? attached
      : loaders.of(this.organisationLoaders).byId.loadMany(coverage.convenorIds).then(loaded);
  }

  @ResolveField(() => [LocalAuthority], { description: 'The local authorities reached.' })
  async reachedLocalAuthorities(
    coverage: AreaCoverage, _args: NoArgs, { loaders }: RequestContext): Promise<LocalAuthority[]> {
    const ids =
      coverage.reachedLocalAuthorityIds ??
      (await loaders.of(this.coverageLoaders).byAreaId.load(coverage.policeForceAreaId)).reachedLocalAuthorityIds ??
      [];
    const found = loaded(await loaders.of(this.authorityLoaders).byId.loadMany(ids));
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }

  @ResolveField(() => [Specialism], { description: 'Specialisms of the active members of active networks.' })
  specialismsPresent(
    coverage: AreaCoverage,
    _args: NoArgs,
    { loaders }: RequestContext,
    info: GraphQLResolveInfo,
  ): Iterable<Specialism> | Promise<Specialism[]> {
    return this.specialismsOf(coverage, coverage.specialismCodes, loaders, info);
  }

  @ResolveField(() => [Specialism], { description: 'Priority specialisms no active member has.' })
  prioritySpecialismsMissing(
    coverage: AreaCoverage,
    _args: NoArgs,
    { loaders }: RequestContext,
    info: GraphQLResolveInfo,
  ): Iterable<Specialism> | Promise<Specialism[]> {
    return this.specialismsOf(coverage, coverage.missingPriorityCodes, loaders, info);
  }

  /**
   * From the vocabulary read with the figures where there is one (as the loader would: unknown codes
   * left out): the same frozen list for every request showing these codes, completed once (shareList).
   */
  private specialismsOf(
    coverage: AreaCoverage,
    codes: readonly string[],
    loaders: RequestLoaders,
    info: GraphQLResolveInfo,
  ): Iterable<Specialism> | Promise<Specialism[]> {
    const vocabulary = coverage.vocabulary;
    if (vocabulary) {
      return shareList(vocabulary.listOf(codes), info);
    }
    return loaders.of(this.coverageLoaders).specialismByCode.loadMany(codes).then(loaded);
  }
}

@Resolver(() => SpecialismCoverage)
export class SpecialismCoverageResolver {
  constructor(
    private readonly coverageLoaders: CoverageLoaderFactory,
    private readonly areaLoaders: PoliceForceAreaLoaderFactory,
  ) {}

  @ResolveField(() => Specialism)
  specialism(
    coverage: SpecialismCoverage,
    _args: NoArgs,
    { loaders }: RequestContext,
  ): Specialism | Promise<Specialism> {
    return coverage.specialismEntity ?? loaders.of(this.coverageLoaders).specialismByCode.load(coverage.specialismCode);
  }

  @ResolveField(() => [PoliceForceArea], { description: 'The areas where it is present, by name.' })
  async areas(coverage: SpecialismCoverage, _args: NoArgs, { loaders }: RequestContext): Promise<PoliceForceArea[]> {
    const areas = loaded(await loaders.of(this.areaLoaders).byId.loadMany(coverage.policeForceAreaIds));
    return areas.sort((a, b) => a.name.localeCompare(b.name));
  }
}

@Resolver(() => PoliceForceArea)
export class AreaCoverageFieldResolver {
  constructor(private readonly coverageLoaders: CoverageLoaderFactory) {}

  @ResolveField(() => AreaCoverage, { description: "The area's network coverage." })
  coverage(area: PoliceForceArea, _args: NoArgs, { loaders }: RequestContext): Promise<AreaCoverage> {
    return loaders.of(this.coverageLoaders).byAreaId.load(area.id);
  }
}
