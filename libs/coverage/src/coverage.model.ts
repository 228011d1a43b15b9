import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { LocalDate } from '@app/common';
import type { PoliceForceAreaEntity } from '@app/geography';
import type { OrganisationEntity, SpecialismEntity } from '@app/organisations';
import { CoverageStatus } from './coverage.enums';
import type { SpecialismLists } from './specialism-lists';

@ObjectType('AreaCoverage', { description: "A police force area's network coverage, computed in the database." })
export class AreaCoverage {
  @Field(() => CoverageStatus)
  status!: CoverageStatus;

  @Field(() => [String], { description: 'Why the area has its status, in words (empty when GREEN).' })
  reasons!: string[];

  @Field(() => Int, {
    description: 'Networks in the area that are ACTIVE and counted: one of their active convenors is a verified CVS.',
  })
  activeNetworkCount!: number;

  @Field(() => Int, {
    description:
      'ACTIVE networks in the area not counted in the figures because none of their active convenors is a verified CVS yet (awaiting verification by a platform admin).',
  })
  awaitingVerificationNetworkCount!: number;

  @Field(() => Int, { description: 'Networks in the area that are not CLOSED (FORMING, ACTIVE or DORMANT).' })
  openNetworkCount!: number;

  @Field(() => Int, { description: 'Organisations active in a counted active network of the area, in any role.' })
  memberOrganisationCount!: number;

  @Field(() => Int)
  localAuthoritiesTotal!: number;

  @Field(() => Int, {
    description: 'Local authorities of the area served by at least one active member or convenor of a counted active network.',
  })
  localAuthoritiesReached!: number;

  @Field(() => Float, { description: 'Usual residents (Census 2021) of the area.' })
  population!: number;

  @Field(() => Float, { description: 'Usual residents (Census 2021) of the local authorities reached.' })
  populationReached!: number;

  @Field(() => Float, { description: 'populationReached / population, from 0 to 1.' })
  populationReachedShare!: number;

  @Field(() => Date, { nullable: true, description: "When any of the area's networks last had activity." })
  lastActivityAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Whole days since then (null if never).' })
  daysSinceLastActivity!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "When any of the area's active networks last engaged the commissioner's office (YYYY-MM-DD).",
  })
  lastEngagementOn!: string | null;

  @Field(() => Int, { nullable: true, description: 'Whole days since then (null if never).' })
  daysSinceLastEngagement!: number | null;

  @Field({
    description: "True when the area's active networks have not engaged the commissioner's office for over 180 days, or ever.",
  })
  engagementQuiet!: boolean;

  policeForceAreaId!: string;
  convenorIds!: readonly string[];
  /** Null where the figures were read without them: `reachedLocalAuthorities` reads them then. */
  reachedLocalAuthorityIds!: readonly string[] | null;
  specialismCodes!: readonly string[];
  missingPriorityCodes!: string[];
  /** The area, where it was read with the figures (the report's areas). */
  policeForceArea?: PoliceForceAreaEntity;
  /** Its convenors' organisations (those of `convenorIds`, in order), where they were read with the figures. */
  convenorOrganisations?: OrganisationEntity[];
  /** The vocabulary's specialisms and lists of them, where it was read with the figures. */
  vocabulary?: SpecialismLists;
}

@ObjectType('SpecialismCoverage', { description: 'Where one specialism is present in an active network.' })
export class SpecialismCoverage {
  @Field(() => Int)
  areaCount!: number;

  specialismCode!: string;
  policeForceAreaIds!: string[];
  /** The specialism, where the vocabulary was read with the figures. */
  specialismEntity?: SpecialismEntity;
}

@ObjectType('NationalCoverage', { description: 'The roll-up over the areas of a coverage report.' })
export class NationalCoverage {
  @Field(() => Int)
  areaCount!: number;

  @Field(() => Int)
  areasWithActiveNetwork!: number;

  @Field(() => Int)
  green!: number;

  @Field(() => Int)
  amber!: number;

  @Field(() => Int)
  red!: number;

  @Field(() => Float)
  population!: number;

  @Field(() => Float)
  populationReached!: number;

  @Field(() => Float, { description: 'populationReached / population, from 0 to 1.' })
  populationReachedShare!: number;
}

@ObjectType('CoverageReport', { description: 'Coverage of the areas a filter selects, and their roll-up.' })
export class CoverageReport {
  @Field(() => [AreaCoverage], { description: 'The areas, by name.' })
  areas!: AreaCoverage[];

  @Field(() => NationalCoverage)
  national!: NationalCoverage;

  @Field(() => [SpecialismCoverage], { description: 'Per specialism of the vocabulary, the areas where it is present.' })
  bySpecialism!: SpecialismCoverage[];

  priorityCodes!: string[];
}

@ObjectType('CoverageSnapshot', { description: "An area's coverage as it stood at the end of a day." })
export class CoverageSnapshot {
  @Field(() => LocalDate)
  date!: string;

  @Field(() => CoverageStatus)
  status!: CoverageStatus;

  @Field(() => Int)
  activeNetworkCount!: number;

  @Field(() => Int)
  memberOrganisationCount!: number;

  @Field(() => Int)
  localAuthoritiesReached!: number;

  @Field(() => Int)
  localAuthoritiesTotal!: number;

  @Field(() => Float)
  populationReached!: number;

  @Field(() => [String], { description: 'Codes of the specialisms present.' })
  specialismsPresent!: string[];
}
