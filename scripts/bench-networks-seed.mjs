// The large data set of the coverage benchmark, written straight into PostgreSQL with set-based SQL
// (seconds, not minutes): all 43 areas and 318 authorities (already seeded), 420 CVSs among
// 5,000 organisations, 150 networks and 20,000 memberships with their history and activity.
// Deterministic (no random()): the same set on every run. Names carry "(bench)".
import pg from 'pg';

export const LARGE_SET = { organisations: 5000, cvss: 420, networks: 150, memberships: 20000 };

const SQL = `
-- Organisations, round-robin over the 318 authorities; the first 420 are CVSs (every authority has one).
CREATE TEMP TABLE lad_ranked AS
  SELECT la.id, la.police_force_area_id AS area_id,
         row_number() OVER (ORDER BY la.code) - 1 AS n,
         row_number() OVER (PARTITION BY la.police_force_area_id ORDER BY la.code) - 1 AS k,
         count(*) OVER (PARTITION BY la.police_force_area_id) AS area_lads
  FROM local_authority la;

CREATE TEMP TABLE bench_org AS
  SELECT i, gen_random_uuid() AS id, l.area_id, l.k AS lad_k, l.area_lads
  FROM generate_series(0, $1::int - 1) i
  JOIN lad_ranked l ON l.n = i % (SELECT count(*) FROM lad_ranked);

INSERT INTO organisation (id, name, kind, status, created_at, updated_at)
SELECT id, CASE WHEN i < $2 THEN 'CVS ' ELSE 'Organisation ' END || i || ' (bench)',
       (CASE WHEN i < $2 THEN 'CVS' ELSE 'VOLUNTARY_ORGANISATION' END)::organisation_kind,
       'ACTIVE', now(), now()
FROM bench_org;

-- Each serves its authority and, every third one, the next authority of its area too.
INSERT INTO organisation_local_authority (organisation_id, local_authority_id)
SELECT o.id, l.id FROM bench_org o
JOIN lad_ranked l ON l.area_id = o.area_id
 AND (l.k = o.lad_k OR (o.i % 3 = 0 AND l.k = (o.lad_k + 1) % o.area_lads))
ON CONFLICT DO NOTHING;

-- Specialisms: one for most, two for every fifth, from the whole vocabulary.
INSERT INTO organisation_specialism (organisation_id, specialism_code)
SELECT o.id, s.code FROM bench_org o
JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total FROM specialism) s
  ON s.n = o.i % s.total OR (o.i % 5 = 0 AND s.n = (o.i / 5) % s.total)
ON CONFLICT DO NOTHING;

-- Networks: 150 over the 43 areas (3 or 4 each); 1 in 10 FORMING, 1 in 10 DORMANT, the rest ACTIVE.
CREATE TEMP TABLE bench_network AS
  SELECT j, gen_random_uuid() AS id, a.id AS area_id,
         (CASE WHEN j % 10 = 3 THEN 'FORMING' WHEN j % 10 = 7 THEN 'DORMANT' ELSE 'ACTIVE' END)::network_status AS status
  FROM generate_series(0, $3::int - 1) j
  JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM police_force_area) a ON a.n = j % 43;

INSERT INTO local_network (id, name, police_force_area_id, purpose, status, status_since, active_since, members_public, created_at, updated_at)
SELECT id, 'Network ' || j || ' (bench)', area_id, 'Benchmark network', status, now() - interval '30 days',
       CASE WHEN status <> 'FORMING' THEN now() - interval '30 days' END, j % 4 <> 0, now() - interval '60 days', now()
FROM bench_network;

INSERT INTO network_status_change (network_id, status, changed_at, reason)
SELECT id, status, now() - interval '30 days', 'bench' FROM bench_network;

-- Memberships: 133 or 134 per network (20,000 in all): the organisations of its area first (CVSs
-- first; the first convenes, as does every third other CVS), then organisations from elsewhere.
-- 1 in 12 has left, 1 in 25 is still invited.
CREATE TEMP TABLE area_org AS
  SELECT o.id, o.area_id, o.i, o.i < $2 AS cvs,
         row_number() OVER (PARTITION BY o.area_id ORDER BY o.i) - 1 AS r
  FROM bench_org o;

CREATE TEMP TABLE bench_membership AS
  SELECT id, network_id, organisation_id, CASE WHEN local THEN r ELSE 1000 + r END AS r, cvs AND local AS cvs
  FROM (
    SELECT gen_random_uuid() AS id, n.id AS network_id, ao.id AS organisation_id, ao.r, ao.cvs,
           ao.area_id = n.area_id AS local,
           row_number() OVER (PARTITION BY n.id ORDER BY ao.area_id = n.area_id DESC,
                                                   CASE WHEN ao.area_id = n.area_id THEN ao.r ELSE (ao.i + n.j * 37) % $1 END) AS rank,
           $4::int / $3::int + CASE WHEN n.j < $4::int % $3::int THEN 1 ELSE 0 END AS quota
    FROM bench_network n CROSS JOIN area_org ao
  ) c
  WHERE rank <= quota;

INSERT INTO network_membership (id, network_id, organisation_id, role, status, status_since, joined_at, ended_at, created_at)
SELECT id, network_id, organisation_id,
       (CASE WHEN r = 0 OR (cvs AND r % 3 = 0) THEN 'CONVENOR' WHEN r % 17 = 5 THEN 'OBSERVER' ELSE 'MEMBER' END)::membership_role,
       (CASE WHEN r = 0 THEN 'ACTIVE' WHEN r % 12 = 7 THEN 'LEFT' WHEN r % 25 = 11 THEN 'INVITED' ELSE 'ACTIVE' END)::membership_status,
       now() - interval '20 days',
       CASE WHEN r = 0 OR r % 12 = 7 OR r % 25 <> 11 THEN now() - interval '25 days' END,
       CASE WHEN r <> 0 AND r % 12 = 7 THEN now() - interval '20 days' END,
       now() - interval '30 days'
FROM bench_membership;

INSERT INTO network_membership_change (membership_id, role, status, changed_at, reason)
SELECT id, role, status, status_since, 'bench' FROM network_membership m
WHERE EXISTS (SELECT 1 FROM bench_membership b WHERE b.id = m.id);

-- Activity: a few items per network at different ages, so "days since" and "quiet" vary.
INSERT INTO activity_event (tx_id, occurred_at, verb, visibility, police_force_area_code, network_id, payload)
SELECT (pg_current_xact_id()::text)::bigint, now() - make_interval(days => (n.j * 7 + d * 3) % 150),
       'NETWORK_UPDATED', 'PUBLIC', a.code, n.id, '{"bench": true}'::jsonb
FROM bench_network n JOIN police_force_area a ON a.id = n.area_id, generate_series(1, 5) d;
`;

/** Adds the large set to the database at `url` (migrated and seeded); answers what is there after. */
/**
 * The set's network with the most active members among those whose members are public (the
 * benchmarks' one network): its id and that count. `client` is a connected pg client.
 */
export async function largestBenchNetwork(client) {
  const { rows } = await client.query(
    `SELECT n.id, count(*)::int AS members FROM local_network n
     JOIN network_membership m ON m.network_id = n.id AND m.status = 'ACTIVE'
     WHERE n.members_public AND n.status = 'ACTIVE' AND n.name LIKE '%(bench)'
     GROUP BY n.id ORDER BY count(*) DESC, n.id LIMIT 1`,
  );
  return { id: rows[0].id, members: rows[0].members };
}

export async function seedLargeNetworkSet(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Constants of this file, not input: inlined so the script runs as one simple query.
    const { organisations, cvss, networks, memberships } = LARGE_SET;
    const values = { 1: organisations, 2: cvss, 3: networks, 4: memberships };
    await client.query(SQL.replace(/\$(\d)/g, (_, n) => String(values[n])));
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const { rows } = await client.query(`
      SELECT (SELECT count(*) FROM police_force_area)::int AS areas,
             (SELECT count(*) FROM local_authority)::int AS authorities,
             (SELECT count(*) FROM organisation)::int AS organisations,
             (SELECT count(*) FROM organisation WHERE kind = 'CVS')::int AS cvss,
             (SELECT count(*) FROM local_network)::int AS networks,
             (SELECT count(*) FROM network_membership)::int AS memberships,
             (SELECT count(*) FROM activity_event)::int AS activity`);
    return rows[0];
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
