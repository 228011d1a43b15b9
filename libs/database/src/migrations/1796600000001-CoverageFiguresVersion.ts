import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LAST_ACTIVITY_BY_AREA } from './1796600000000-CoverageLastActivityByArea';
import { coverageArea, MISSING_FROM_PRIORITIES_ONCE } from './1796500000000-CoverageViewCheaper';

/**
 * `coverage_area` names the version of each area's stored figures and row: the transaction ids
 * that last wrote its row of `coverage_area_figures` and of `police_force_area` (a refresh rewrites
 * only the rows that changed; a full refresh or a new view, all). A reader that keeps what they hold
 * (coverage's report) reads only what is live beside it (last activity, status, priorities missing,
 * convenors) while they stay the same. A later view that shows a stored column otherwise (another source
 * or form) without rewriting its rows must change this column's form too, or running readers keep the old.
 */
export class CoverageFiguresVersion1796600000001 implements MigrationInterface {
  name = 'CoverageFiguresVersion1796600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(withFiguresVersion(coverageArea(MISSING_FROM_PRIORITIES_ONCE, LAST_ACTIVITY_BY_AREA)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A view's columns can be added by CREATE OR REPLACE, not dropped.
    await queryRunner.query(`DROP VIEW coverage_area`);
    await queryRunner.query(coverageArea(MISSING_FROM_PRIORITIES_ONCE, LAST_ACTIVITY_BY_AREA));
  }
}

const FROM = '\n  FROM coverage_area_figures f';

function withFiguresVersion(view: string): string {
  const at = view.indexOf(FROM);
  if (at < 0) {
    throw new Error('CoverageFiguresVersion: the view does not read its figures as expected');
  }
  // With the server's start: a restored or other cluster (a transaction id may mean another write there) starts anew.
  return `${view.slice(0, at)},
    f.xmin::text || '/' || a.xmin::text || '/' || pg_postmaster_start_time()::text AS figures_version${view.slice(at)}`;
}
