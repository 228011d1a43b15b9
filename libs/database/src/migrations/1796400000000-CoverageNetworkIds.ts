import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coverage's figures keep the ids of each area's networks, so the live last-activity read probes
 * them directly instead of searching `local_network` once per area.
 *
 * With ~150 networks PostgreSQL chose a sequential scan of `local_network` for each of the 43
 * areas (a scan beats the index by its costs at that size): about 0.45 ms of the 1.1 ms a national
 * read of `coverage_area` cost (pgbench). The ids change only when a network is created, which
 * moves the networks' version and so refreshes the figures before the next coverage read (a reader
 * of the view that does not refresh the figures, such as the PostGraphile peer of the benchmarks,
 * sees a new network's activity once they are next refreshed, as it sees its counts). The view
 * keeps its columns and adds the rest of the area's row (official name, force name, police.uk id):
 * coverage's report joined the areas a second time for them.
 */
export class CoverageNetworkIds1796400000000 implements MigrationInterface {
  name = 'CoverageNetworkIds1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await recreate(queryRunner, FIGURES_WITH_NETWORK_IDS, COVERAGE_AREA_BY_NETWORK_IDS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await recreate(queryRunner, FIGURES, COVERAGE_AREA);
  }
}

async function recreate(queryRunner: QueryRunner, figures: string, view: string): Promise<void> {
  await queryRunner.query(`DROP VIEW coverage_area`);
  await queryRunner.query(`DROP MATERIALIZED VIEW coverage_area_figures`);
  await queryRunner.query(`CREATE MATERIALIZED VIEW coverage_area_figures AS${figures}`);
  await queryRunner.query(`CREATE UNIQUE INDEX coverage_area_figures_area_uq ON coverage_area_figures (police_force_area_id)`);
  await queryRunner.query(view);
}

/** As CoverageLastActivityLive1796340000000 made them. */
const FIGURES = `
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
        (SELECT max(g.occurred_on) FROM counted_networks n JOIN engagement g ON g.network_id = n.id
          WHERE n.police_force_area_id = a.id) AS last_engagement_on
      FROM police_force_area a`;

/** The figures as before, with the ids of every network of the area (whatever its status). */
const FIGURES_WITH_NETWORK_IDS = withNetworkIds(FIGURES);

function withNetworkIds(figures: string): string {
  const last = `AS last_engagement_on
      FROM police_force_area a`;
  if (!figures.endsWith(last)) {
    throw new Error('CoverageNetworkIds: the figures do not end as expected');
  }
  return `${figures.slice(0, -last.length)}AS last_engagement_on,
        -- every network of the area, whatever its status: the view reads their last activity live
        ARRAY(SELECT n.id FROM local_network n WHERE n.police_force_area_id = a.id ORDER BY n.id) AS network_ids
      FROM police_force_area a`;
}

/** The view's status, its figures with the areas and the missing priorities, and its last activity, as before. */
const STATUS = `CASE
      WHEN f.active_networks = 0 THEN 'RED'
      WHEN f.lads_reached < f.lads_total OR cardinality(m.missing) > 0 OR l.last_activity_at IS NULL
        OR current_date - l.last_activity_at::date > 90
        OR f.last_engagement_on IS NULL OR current_date - f.last_engagement_on > 180 THEN 'AMBER'
      ELSE 'GREEN'
    END AS status`;
const FROM_FIGURES = `FROM coverage_area_figures f
  JOIN police_force_area a ON a.id = f.police_force_area_id
  CROSS JOIN LATERAL (
    SELECT ARRAY(SELECT p.specialism_code::text FROM coverage_priority p
                  WHERE NOT p.specialism_code = ANY(f.specialisms_present) ORDER BY p.position) AS missing
  ) m`;
const lastActivityOf = (networks: string): string => `CROSS JOIN LATERAL (
    -- the newest activity of each of the area's networks, one backward index probe each
    SELECT max((SELECT max(e.occurred_at) FROM activity_event e WHERE e.network_id = n.id)) AS last_activity_at
      FROM ${networks}
  ) l`;

const COVERAGE_AREA = `CREATE VIEW coverage_area AS
  SELECT f.*, a.code, a.display_name AS name, a.region, a.country, a.population,
    m.missing AS priorities_missing, l.last_activity_at,
    ${STATUS}
  ${FROM_FIGURES}
  ${lastActivityOf('local_network n WHERE n.police_force_area_id = a.id')}`;

const COVERAGE_AREA_BY_NETWORK_IDS = `CREATE VIEW coverage_area AS
  SELECT f.police_force_area_id, f.active_networks, f.networks_awaiting_verification, f.open_networks, f.convenor_ids,
    f.member_organisations, f.lads_total, f.reached_ids, f.lads_reached, f.population_reached, f.specialisms_present,
    f.last_engagement_on, a.code, a.display_name AS name, a.region, a.country, a.population,
    m.missing AS priorities_missing, l.last_activity_at,
    ${STATUS},
    -- the rest of the area's row, so that a reader needing all of it joins no second time
    a.name AS area_name, a.force_name, a.police_uk_force_id
  ${FROM_FIGURES}
  ${lastActivityOf('unnest(f.network_ids) AS n(id)')}`;
