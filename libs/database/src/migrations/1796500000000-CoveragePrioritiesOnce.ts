import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The view works out each area's missing priorities once. PostgreSQL pulled the `m` subquery up
 * into the view and so copied its array into both places that read it: the column and the status,
 * which reads it for every area with an active network (two subplans, each scanning and sorting the
 * priorities). `OFFSET 0` keeps the subquery whole: one scan per area. Same columns, same values.
 * pgbench of the view with every area active: 3,600–3,730 → 4,030–4,080 reads/s; with two active, unchanged.
 */
export class CoveragePrioritiesOnce1796500000000 implements MigrationInterface {
  name = 'CoveragePrioritiesOnce1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(coverageArea('OFFSET 0'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(coverageArea(''));
  }
}

/** As CoverageNetworkIds1796400000000 made it, with `fence` after the missing priorities' subquery. */
const coverageArea = (fence: string): string => `CREATE OR REPLACE VIEW coverage_area AS
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
  CROSS JOIN LATERAL (
    SELECT ARRAY(SELECT p.specialism_code::text FROM coverage_priority p
                  WHERE NOT p.specialism_code = ANY(f.specialisms_present) ORDER BY p.position) AS missing
    ${fence}
  ) m
  CROSS JOIN LATERAL (
    -- the newest activity of each of the area's networks, one backward index probe each
    SELECT max((SELECT max(e.occurred_at) FROM activity_event e WHERE e.network_id = n.id)) AS last_activity_at
      FROM unnest(f.network_ids) AS n(id)
  ) l`;
