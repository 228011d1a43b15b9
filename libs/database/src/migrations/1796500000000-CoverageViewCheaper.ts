import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `coverage_area` gives the same columns and values for less of PostgreSQL's time (pgbench of the
 * view on the bench set, 2 clients, alternating: 3,600–3,850 → 4,210–4,270 reads/s):
 * - the priorities are read and ordered once per statement, and each area keeps those its
 *   specialisms miss: they were scanned and sorted per area, and twice for every area with an
 *   active network (PostgreSQL pulled the subquery up and copied it into the status too; `OFFSET 0`
 *   keeps it whole now);
 * - each network's newest activity is a `LIMIT 1` probe joined laterally, not a subquery per
 *   network inside an aggregate (the same index probe without a subplan's overhead around it).
 */
export class CoverageViewCheaper1796500000000 implements MigrationInterface {
  name = 'CoverageViewCheaper1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(coverageArea(MISSING_FROM_PRIORITIES_ONCE, LAST_ACTIVITY_BY_LATERAL_PROBES));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(coverageArea(MISSING_PER_AREA, LAST_ACTIVITY_BY_SUBQUERIES));
  }
}

/** As CoverageNetworkIds1796400000000 made it, but for how the missing priorities and last activity are read. */
export const coverageArea = (missing: string, lastActivity: string): string => `CREATE OR REPLACE VIEW coverage_area AS
  SELECT f.police_force_area_id, f.active_networks, f.networks_awaiting_verification, f.open_networks, f.convenor_ids,
    f.member_organisations, f.lads_total, f.reached_ids, f.lads_reached, f.population_reached, f.specialisms_present,
    f.last_engagement_on, a.code, a.display_name AS name, a.region, a.country, a.population,
    m.missing AS priorities_missing, l.last_activity_at,
    CASE
      WHEN f.active_networks = 0 THEN 'RED'
      WHEN f.lads_reached < f.lads_total OR cardinality(m.missing) > 0 OR l.last_activity_at IS NULL
        OR current_date - l.last_activity_at::date > 90
        OR f.last_engagement_on IS NULL OR current_date - f.last_engagement_on > 180 THEN 'AMBER'
      ELSE 'GREEN'
    END AS status,
    -- the rest of the area's row, so that a reader needing all of it joins no second time
    a.name AS area_name, a.force_name, a.police_uk_force_id
  FROM coverage_area_figures f
  JOIN police_force_area a ON a.id = f.police_force_area_id
  ${missing}
  ${lastActivity}`;

const MISSING_PER_AREA = `CROSS JOIN LATERAL (
    SELECT ARRAY(SELECT p.specialism_code::text FROM coverage_priority p
                  WHERE NOT p.specialism_code = ANY(f.specialisms_present) ORDER BY p.position) AS missing
  ) m`;

/** No priorities: array_agg gives null, unnest of null no rows, so each area misses none (an empty array), as before. */
export const MISSING_FROM_PRIORITIES_ONCE = `CROSS JOIN (
    SELECT array_agg(p.specialism_code::text ORDER BY p.position) AS codes FROM coverage_priority p
  ) priorities
  CROSS JOIN LATERAL (
    SELECT ARRAY(SELECT u.code FROM unnest(priorities.codes) WITH ORDINALITY AS u(code, position)
                  WHERE NOT u.code = ANY(f.specialisms_present) ORDER BY u.position) AS missing
    OFFSET 0
  ) m`;

const LAST_ACTIVITY_BY_SUBQUERIES = `CROSS JOIN LATERAL (
    -- the newest activity of each of the area's networks, one backward index probe each
    SELECT max((SELECT max(e.occurred_at) FROM activity_event e WHERE e.network_id = n.id)) AS last_activity_at
      FROM unnest(f.network_ids) AS n(id)
  ) l`;

export const LAST_ACTIVITY_BY_LATERAL_PROBES = `CROSS JOIN LATERAL (
    -- the newest activity of each of the area's networks, one backward index probe each
    SELECT max(newest.occurred_at) AS last_activity_at
      FROM unnest(f.network_ids) AS n(id)
      CROSS JOIN LATERAL (
        SELECT e.occurred_at FROM activity_event e WHERE e.network_id = n.id ORDER BY e.occurred_at DESC LIMIT 1
      ) newest
  ) l`;
