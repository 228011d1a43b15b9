import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coverage: the priority specialisms, daily snapshots, and the figures per police force area as a
 * materialised view (refreshed by CoverageService when activity has moved on) with a plain view on
 * top that adds what changes with the clock or the priorities (missing priorities, quiet, status).
 * Networks count when ACTIVE; organisations when active (not archived) and ACTIVE in such a network.
 */
export class Coverage1795470619611 implements MigrationInterface {
  name = 'Coverage1795470619611';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "coverage_priority" ("specialism_code" character varying(64) NOT NULL, "position" integer NOT NULL, CONSTRAINT "coverage_priority_position_non_negative" CHECK ("position" >= 0), CONSTRAINT "PK_c0cb10ef0e8fd35973ce6e54aae" PRIMARY KEY ("specialism_code"))`);
    await queryRunner.query(`CREATE TABLE "coverage_snapshot" ("police_force_area_id" uuid NOT NULL, "taken_on" date NOT NULL, "status" character varying(5) NOT NULL, "active_networks" integer NOT NULL, "member_organisations" integer NOT NULL, "local_authorities_reached" integer NOT NULL, "local_authorities_total" integer NOT NULL, "population_reached" bigint NOT NULL, "specialisms_present" text array NOT NULL, CONSTRAINT "PK_962b8459614f2538fc2d6cddfbd" PRIMARY KEY ("police_force_area_id", "taken_on"))`);
    await queryRunner.query(`ALTER TABLE "coverage_priority" ADD CONSTRAINT "FK_c0cb10ef0e8fd35973ce6e54aae" FOREIGN KEY ("specialism_code") REFERENCES "specialism"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "coverage_snapshot" ADD CONSTRAINT "FK_55ed2f21e93a7f575705a0de2ba" FOREIGN KEY ("police_force_area_id") REFERENCES "police_force_area"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`INSERT INTO coverage_priority (specialism_code, position)
      VALUES ('WOMEN', 0), ('RACIALLY_MINORITISED_COMMUNITIES', 1), ('CHILDREN_AND_YOUNG_PEOPLE', 2)`);
    await queryRunner.query(`CREATE MATERIALIZED VIEW coverage_area_figures AS
      WITH active_members AS (
        SELECT DISTINCT n.police_force_area_id, m.organisation_id, m.role = 'CONVENOR' AS convenes
          FROM local_network n
          JOIN network_membership m ON m.network_id = n.id AND m.status = 'ACTIVE'
          JOIN organisation o ON o.id = m.organisation_id AND o.status = 'ACTIVE'
         WHERE n.status = 'ACTIVE'
      ), reached AS (
        SELECT DISTINCT am.police_force_area_id, la.id AS local_authority_id, la.population
          FROM active_members am
          JOIN organisation_local_authority ol ON ol.organisation_id = am.organisation_id
          JOIN local_authority la ON la.id = ol.local_authority_id AND la.police_force_area_id = am.police_force_area_id
      )
      SELECT a.id AS police_force_area_id,
        (SELECT count(*) FROM local_network n WHERE n.police_force_area_id = a.id AND n.status = 'ACTIVE')::int
          AS active_networks,
        (SELECT count(*) FROM local_network n WHERE n.police_force_area_id = a.id AND n.status <> 'CLOSED')::int
          AS open_networks,
        ARRAY(SELECT DISTINCT am.organisation_id FROM active_members am
               WHERE am.police_force_area_id = a.id AND am.convenes) AS convenor_ids,
        (SELECT count(DISTINCT am.organisation_id) FROM active_members am WHERE am.police_force_area_id = a.id)::int
          AS member_organisations,
        (SELECT count(*) FROM local_authority la WHERE la.police_force_area_id = a.id)::int AS lads_total,
        ARRAY(SELECT r.local_authority_id FROM reached r WHERE r.police_force_area_id = a.id) AS reached_ids,
        (SELECT count(*) FROM reached r WHERE r.police_force_area_id = a.id)::int AS lads_reached,
        COALESCE((SELECT sum(r.population) FROM reached r WHERE r.police_force_area_id = a.id), 0)::bigint
          AS population_reached,
        ARRAY(SELECT DISTINCT s.specialism_code::text FROM active_members am
                JOIN organisation_specialism s ON s.organisation_id = am.organisation_id
               WHERE am.police_force_area_id = a.id ORDER BY 1) AS specialisms_present,
        (SELECT max(e.occurred_at) FROM local_network n JOIN activity_event e ON e.network_id = n.id
          WHERE n.police_force_area_id = a.id) AS last_activity_at
      FROM police_force_area a`);
    await queryRunner.query(`CREATE UNIQUE INDEX coverage_area_figures_area_uq ON coverage_area_figures (police_force_area_id)`);
    await queryRunner.query(`CREATE VIEW coverage_area AS
      SELECT f.*, a.code, a.display_name AS name, a.region, a.country, a.population,
        m.missing AS priorities_missing,
        CASE
          WHEN f.active_networks = 0 THEN 'RED'
          WHEN f.lads_reached < f.lads_total OR cardinality(m.missing) > 0 OR f.last_activity_at IS NULL
            OR current_date - f.last_activity_at::date > 90 THEN 'AMBER'
          ELSE 'GREEN'
        END AS status
      FROM coverage_area_figures f
      JOIN police_force_area a ON a.id = f.police_force_area_id
      CROSS JOIN LATERAL (
        SELECT ARRAY(SELECT p.specialism_code::text FROM coverage_priority p
                      WHERE NOT p.specialism_code = ANY(f.specialisms_present) ORDER BY p.position) AS missing
      ) m`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW coverage_area`);
    await queryRunner.query(`DROP MATERIALIZED VIEW coverage_area_figures`);
    await queryRunner.query(`ALTER TABLE "coverage_snapshot" DROP CONSTRAINT "FK_55ed2f21e93a7f575705a0de2ba"`);
    await queryRunner.query(`ALTER TABLE "coverage_priority" DROP CONSTRAINT "FK_c0cb10ef0e8fd35973ce6e54aae"`);
    await queryRunner.query(`DROP TABLE "coverage_snapshot"`);
    await queryRunner.query(`DROP TABLE "coverage_priority"`);
  }
}
