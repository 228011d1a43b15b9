import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { keyedBy, type LoaderFactory } from '@app/common';
import { type SpecialismEntity, SpecialismService } from '@app/organisations';
import { labeller } from './coverage-figures';
import { toAreaCoverage } from './coverage-report';
import type { AreaCoverage } from './coverage.model';
import { CoverageService } from './coverage.service';

export interface CoverageLoaders {
  readonly byAreaId: DataLoader<string, AreaCoverage>;
  readonly specialismByCode: DataLoader<string, SpecialismEntity>;
}

@Injectable()
export class CoverageLoaderFactory implements LoaderFactory<CoverageLoaders> {
  constructor(
    private readonly coverage: CoverageService,
    private readonly specialisms: SpecialismService,
  ) {}

  createLoaders(): CoverageLoaders {
    const specialismByCode = new DataLoader<string, SpecialismEntity>(async (codes) =>
      keyedBy(codes, await this.specialisms.findByCodes(codes), (s) => s.code),
    );
    return {
      specialismByCode,
      byAreaId: new DataLoader(async (ids) => {
        const [rows, vocabulary] = await Promise.all([this.coverage.forAreaIds(ids), this.specialisms.list()]);
        const labelOf = labeller(vocabulary);
        return keyedBy(ids, rows.map((row) => toAreaCoverage(row, labelOf)), (c) => c.policeForceAreaId);
      }),
    };
  }
}
