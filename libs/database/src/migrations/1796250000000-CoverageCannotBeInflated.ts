import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A network's name as the uniqueness rule compares it: trimmed, inner whitespace collapsed, lower case. */
const NAME_KEY = `lower(regexp_replace(btrim(name), '\\s+', ' ', 'g'))`;

/**
 * Coverage cannot be inflated.
 *
 * - A CVS's kind is a claim until a platform admin verifies it (`organisation_verification`).
 *   Existing CVS rows are left unverified: in a live database they await verification. Networks
 *   they already convene keep running (nothing about them changes), but coverage counts an active
 *   network only while one of its active convenors is verified, and reports the others as awaiting
 *   verification. The demo seed verifies the demo CVSs; production reference data holds no CVS.
 * - A member counts towards an area's specialisms only if it serves a local authority of that area
 *   (reach was already limited to the authorities it serves there).
 * - Two open networks of one area may not share a name (case and whitespace aside). Existing
 *   duplicates keep the oldest network's name; later ones gain " (2)", " (3)"… before the index is built.
 *   A closed network's name may be used again.
 */
export class CoverageCannotBeInflated1796250000000 implements MigrationInterface {
  name = 'CoverageCannotBeInflated1796250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE IF NOT EXISTS 'ORGANISATION_VERIFIED'`);
    await queryRunner.query(`ALTER TYPE "public"."activity_verb" ADD VALUE IF NOT EXISTS 'ORGANISATION_VERIFICATION_WITHDRAWN'`);
    await queryRunner.query(`CREATE TABLE "organisation_verification" ("organisation_id" uuid NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "verified_by_person_id" uuid, "charity_number_checked" boolean NOT NULL, "national_body_member" boolean NOT NULL, "note" text, CONSTRAINT "REL_organisation_verification_organisation" UNIQUE ("organisation_id"), CONSTRAINT "PK_organisation_verification" PRIMARY KEY ("organisation_id"))`);
    await queryRunner.query(`ALTER TABLE "organisation_verification" ADD CONSTRAINT "FK_d1955fa326ecb9917eb059851c7" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await queryRunner.query(`DO $$
      DECLARE dup record; k int;
      BEGIN
        FOR dup IN
          SELECT id, police_force_area_id, btrim(name) AS name FROM (
            SELECT n.*, row_number() OVER (PARTITION BY police_force_area_id, ${NAME_KEY} ORDER BY created_at, id) AS nth
              FROM local_network n WHERE status <> 'CLOSED') ranked
           WHERE nth > 1 ORDER BY created_at, id
        LOOP
          k := 2;
          WHILE EXISTS (SELECT 1 FROM local_network o
                         WHERE o.police_force_area_id = dup.police_force_area_id AND o.status <> 'CLOSED'
                           AND lower(regexp_replace(btrim(o.name), '\\s+', ' ', 'g'))
                             = lower(regexp_replace(dup.name || ' (' || k || ')', '\\s+', ' ', 'g'))) LOOP
            k := k + 1;
          END LOOP;
          UPDATE local_network SET name = dup.name || ' (' || k || ')', updated_at = now() WHERE id = dup.id;
        END LOOP;
      END $$`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "local_network_area_name_uq" ON "local_network" (police_force_area_id, ${NAME_KEY}) WHERE status <> 'CLOSED'`,
    );

    await queryRunner.query(`DROP VIEW coverage_area`);
    await queryRunner.query(`DROP MATERIALIZED VIEW coverage_area_figures`);
    await queryRunner.query(`CREATE MATERIALIZED VIEW coverage_area_figures AS
      WITH counted_networks AS (
        -- an active network counts while one of its active convenors is a verified CVS
        SELECT n.id, n.police_force_area_id FROM local_network n
         WHERE n.status = 'ACTIVE' AND EXISTS (
           SELECT 1 FROM network_membership m JOIN organisation_verification v ON v.organisation_id = m.organisation_id
            WHERE m.network_id = n.id AND m.status = 'ACTIVE' AND m.role = 'CONVENOR')
      ), awaiting_networks AS (
        SELECT n.id, n.police_force_area_id FROM local_network n
         WHERE n.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM counted_networks c WHERE c.id = n.id)
      ), active_members AS (
        SELECT DISTINCT n.police_force_area_id, m.organisation_id, m.role = 'CONVENOR' AS convenes
          FROM counted_networks n
          JOIN network_membership m ON m.network_id = n.id AND m.status = 'ACTIVE'
          JOIN organisation o ON o.id = m.organisation_id AND o.status = 'ACTIVE'
      ), serving AS (
        -- what a member brings to an area: only the local authorities it serves there
        SELECT DISTINCT am.police_force_area_id, am.organisation_id, la.id AS local_authority_id, la.population
          FROM active_members am
          JOIN organisation_local_authority ol ON ol.organisation_id = am.organisation_id
          JOIN local_authority la ON la.id = ol.local_authority_id AND la.police_force_area_id = am.police_force_area_id
      ), reached AS (
        SELECT DISTINCT police_force_area_id, local_authority_id, population FROM serving
      )
      SELECT a.id AS police_force_area_id,
        (SELECT count(*) FROM counted_networks n WHERE n.police_force_area_id = a.id)::int AS active_networks,
        (SELECT count(*) FROM awaiting_networks n WHERE n.police_force_area_id = a.id)::int
          AS networks_awaiting_verification,
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
        ARRAY(SELECT DISTINCT s.specialism_code::text
                FROM (SELECT DISTINCT sv.organisation_id FROM serving sv WHERE sv.police_force_area_id = a.id) sv
                JOIN organisation_specialism s ON s.organisation_id = sv.organisation_id ORDER BY 1) AS specialisms_present,
        (SELECT max(e.occurred_at) FROM local_network n JOIN activity_event e ON e.network_id = n.id
          WHERE n.police_force_area_id = a.id) AS last_activity_at,
        (SELECT max(g.occurred_on) FROM counted_networks n JOIN engagement g ON g.network_id = n.id
          WHERE n.police_force_area_id = a.id) AS last_engagement_on
      FROM police_force_area a`);
    await queryRunner.query(`CREATE UNIQUE INDEX coverage_area_figures_area_uq ON coverage_area_figures (police_force_area_id)`);
    await queryRunner.query(COVERAGE_AREA);
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
          WHERE n.police_force_area_id = a.id) AS last_activity_at,
        (SELECT max(g.occurred_on) FROM local_network n JOIN engagement g ON g.network_id = n.id
          WHERE n.police_force_area_id = a.id AND n.status = 'ACTIVE') AS last_engagement_on
      FROM police_force_area a`);
    await queryRunner.query(`CREATE UNIQUE INDEX coverage_area_figures_area_uq ON coverage_area_figures (police_force_area_id)`);
    await queryRunner.query(COVERAGE_AREA);
    await queryRunner.query(`DROP INDEX "local_network_area_name_uq"`);
    await queryRunner.query(`DROP TABLE "organisation_verification"`);
    // The two activity verbs stay: PostgreSQL cannot drop an enum value that rows may use.
  }
}

/** The view over the figures that adds what changes with the clock or the priorities (unchanged). */
const COVERAGE_AREA = `CREATE VIEW coverage_area AS
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
  ) m`;
