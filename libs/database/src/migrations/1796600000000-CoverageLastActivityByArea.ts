import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  coverageArea,
  LAST_ACTIVITY_BY_LATERAL_PROBES,
  MISSING_FROM_PRIORITIES_ONCE,
} from './1796500000000-CoverageViewCheaper';

/**
 * An area's last activity is one backward index probe, not one per network of the area (154 on the
 * bench set, most of the `coverage_area` view's time). Each activity naming a network carries that
 * network's area, set by the database when it is written (a network's area never changes:
 * `network_area_is_fixed`), and is indexed by it. No row is locked and nothing is kept in step:
 * what a read sees is still the newest visible activity, now or after any change to the table.
 * pgbench of the view on the bench set (4 clients, prepared, after VACUUM): 2,640–2,680 → 3,770–3,860 reads/s.
 * Deploying it rewrites every activity row naming a network and builds the index, holding writes of activity
 * (so every domain change) meanwhile: seconds for a table of a million rows.
 */
export class CoverageLastActivityByArea1796600000000 implements MigrationInterface {
  name = 'CoverageLastActivityByArea1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every activity naming a network is rewritten once: no statement timeout for this migration's transaction.
    await queryRunner.query(`SET LOCAL statement_timeout = 0`);
    await queryRunner.query(`ALTER TABLE activity_event ADD COLUMN network_area_id uuid`);
    await queryRunner.query(`CREATE FUNCTION activity_event_network_area() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.network_area_id := CASE WHEN NEW.network_id IS NOT NULL
          THEN (SELECT n.police_force_area_id FROM local_network n WHERE n.id = NEW.network_id) END;
        RETURN NEW;
      END $$`);
    // Also on update: the column follows the network named, whatever a writer puts in it.
    await queryRunner.query(`CREATE TRIGGER activity_event_network_area
      BEFORE INSERT OR UPDATE OF network_id, network_area_id ON activity_event
      FOR EACH ROW WHEN (NEW.network_id IS NOT NULL OR NEW.network_area_id IS NOT NULL)
      EXECUTE FUNCTION activity_event_network_area()`);
    await queryRunner.query(`UPDATE activity_event SET network_area_id = NULL WHERE network_id IS NOT NULL`); // the trigger files it
    await queryRunner.query(`CREATE INDEX activity_event_network_area_recent_idx ON activity_event
      (network_area_id, occurred_at) WHERE network_area_id IS NOT NULL`);
    await queryRunner.query(`DROP INDEX activity_event_network_recent_idx`);
    await queryRunner.query(coverageArea(MISSING_FROM_PRIORITIES_ONCE, LAST_ACTIVITY_BY_AREA));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(coverageArea(MISSING_FROM_PRIORITIES_ONCE, LAST_ACTIVITY_BY_LATERAL_PROBES));
    await queryRunner.query(`CREATE INDEX activity_event_network_recent_idx ON activity_event (network_id, occurred_at)`);
    await queryRunner.query(`DROP INDEX activity_event_network_area_recent_idx`);
    await queryRunner.query(`DROP TRIGGER activity_event_network_area ON activity_event`);
    await queryRunner.query(`DROP FUNCTION activity_event_network_area()`);
    await queryRunner.query(`ALTER TABLE activity_event DROP COLUMN network_area_id`);
  }
}

/** The figures' network ids (CoverageNetworkIds1796400000000) are no longer read by the view. */
export const LAST_ACTIVITY_BY_AREA = `LEFT JOIN LATERAL (
    -- the newest activity naming any network of the area
    SELECT e.occurred_at AS last_activity_at FROM activity_event e
     WHERE e.network_area_id = f.police_force_area_id ORDER BY e.occurred_at DESC LIMIT 1
  ) l ON true`;
