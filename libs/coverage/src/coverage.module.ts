import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GeographyModule } from '@app/geography';
import { OrganisationsModule } from '@app/organisations';
import { CoverageCsvController } from './coverage.controller';
import { CoveragePriorityEntity, CoverageSnapshotEntity } from './coverage.entities';
import { CoverageLoaderFactory } from './coverage.loader';
import {
  AreaCoverageFieldResolver,
  AreaCoverageResolver,
  CoverageReportResolver,
  SpecialismCoverageResolver,
} from './coverage.resolver';
import { CoverageService } from './coverage.service';

export const coverageEntities = [CoveragePriorityEntity, CoverageSnapshotEntity];
export const coverageResolvers = [
  CoverageReportResolver,
  AreaCoverageResolver,
  SpecialismCoverageResolver,
  AreaCoverageFieldResolver,
];

/** Network coverage per police force area and nationally: a read model computed in SQL. */
@Module({
  imports: [TypeOrmModule.forFeature(coverageEntities), GeographyModule, OrganisationsModule],
  controllers: [CoverageCsvController],
  providers: [CoverageService, CoverageLoaderFactory, ...coverageResolvers],
  exports: [CoverageService],
})
export class CoverageModule {}
