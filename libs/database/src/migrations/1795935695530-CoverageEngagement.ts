import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coverage counts engagement with the commissioner's office: the figures gain the last engagement of
 * each area's active networks, and an area whose active networks have not engaged the office for over
 * 180 days (or ever) is AMBER ("quiet"). Views are recreated: a materialised view cannot gain a column.
 */
export class CoverageEngagement1795935695530 implements MigrationInterface {
  name = 'CoverageEngagement1795935695530';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW coverage_area`);
    await queryRunner.query(`DROP MATERIALIZED VIEW coverage_area_figures`);
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
          WHERE n.police_force_area_id = a.id) AS last_activity_at,
        (SELECT max(g.occurred_on) FROM local_network n JOIN engagement g ON g.network_id = n.id
          WHERE n.police_force_area_id = a.id AND n.status = 'ACTIVE') AS last_engagement_on
      FROM police_force_area a`);
    await queryRunner.query(`CREATE UNIQUE INDEX coverage_area_figures_area_uq ON coverage_area_figures (police_force_area_id)`);
    await queryRunner.query(`CREATE VIEW coverage_area AS
      SELECT f.*, a.code, a.display_name AS name, a.region, a.country, a.population,
        m.missing AS priorities_missing,
        CASE
          WHEN f.active_networks = 0 THEN 'RED'
          WHEN f.lads_reached < f.lads_total OR cardinality(m.missing) > 0 OR f.last_activity_at IS NULL
            OR current_date - f.last_activity_at::date > 90
            OR f.last_engagement_on IS NULL OR current_date - f.last_engagement_on > 180 THEN 'AMBER'
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
}
