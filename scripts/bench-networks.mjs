// Issue 5's benchmark: the national coverage query and a network with its members, on the large
// set (bench-networks-seed.mjs), at 50 concurrent clients. SQL statements per request come from
// pg_stat_statements (preloaded for this run only, through ALTER SYSTEM on the bench's own cluster).
import autocannon from 'autocannon';
import pg from 'pg';
import { largestBenchNetwork, seedLargeNetworkSet } from './bench-networks-seed.mjs';

export const NETWORK_CONNECTIONS = 50;

export const COVERAGE_QUERY = `{
  coverage {
    national { areaCount areasWithActiveNetwork population populationReached populationReachedShare red amber green }
    areas {
      policeForceArea { code displayName }
      status reasons activeNetworkCount openNetworkCount memberOrganisationCount
      localAuthoritiesReached localAuthoritiesTotal population populationReached populationReachedShare
      lastActivityAt daysSinceLastActivity
      convenors { id name }
      specialismsPresent { code label }
      prioritySpecialismsMissing { code label }
    }
    bySpecialism { specialism { code label } areaCount }
  }
}`;

export const networkQuery = (id) => `{
  network(id: "${id}") {
    id name purpose status statusSince membersPublic memberCount
    policeForceArea { code displayName }
    convenors { organisation { id name } }
    members { id role status joinedAt organisation { id name kind } }
  }
}`;

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function load(base, query, seconds, headers = {}) {
  return autocannon({
    url: `${base}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
    connections: NETWORK_CONNECTIONS,
    duration: seconds,
  });
}

/** Runs `query` under load and answers its figures with the statements the server sent per request. */
async function measure(base, url, name, query, seconds, headers = {}) {
  const check = await (
    await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    })
  ).json();
  if (check.errors) {
    throw new Error(`${name}: ${JSON.stringify(check.errors)}`);
  }
  await load(base, query, 3, headers); // warm-up (discarded)
  await withClient(url, (c) => c.query('SELECT pg_stat_statements_reset()'));
  const r = await load(base, query, seconds, headers);
  if (r.non2xx || r.errors) {
    throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  }
  const statements = await withClient(url, async (c) => {
    const { rows } = await c.query(
      `SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements s
       JOIN pg_database d ON d.oid = s.dbid AND d.datname = current_database()
       WHERE s.query NOT ILIKE '%pg_stat_statements%'`,
    );
    return Number(rows[0].calls);
  });
  const perRequest = statements / r.requests.total;
  const kibPerAnswer = r.throughput.total / r.requests.total / 1024; // as sent, headers included
  return {
    name,
    row: `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${perRequest.toFixed(2)} | ${kibPerAnswer.toFixed(1)} |`,
  };
}

/**
 * Seeds the large set into the bench's embedded cluster, restarts the server with
 * pg_stat_statements, and measures both queries. Answers the table rows and what was seeded.
 */
export async function networkBench({ startServer, untilReady, stop, databaseUrl, base, seconds }) {
  let server = startServer();
  await untilReady(server);
  const seeded = await seedLargeNetworkSet(databaseUrl);
  await withClient(databaseUrl, (c) => c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`));
  await stop(server);
  server = startServer();
  await untilReady(server);
  try {
    await withClient(databaseUrl, (c) => c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'));
    const { id: networkId, members: activeMembers } = await withClient(databaseUrl, largestBenchNetwork);
    const rows = [];
    const GZIP = { 'accept-encoding': 'gzip' }; // as browsers and most HTTP clients send
    for (const [name, query, headers] of [
      ['national coverage (43 areas, roll-up, by specialism), gzip accepted', COVERAGE_QUERY, GZIP],
      ['national coverage, no compression', COVERAGE_QUERY, {}],
      [`one network with its ${activeMembers} active members, gzip accepted`, networkQuery(networkId), GZIP],
      [`one network with its ${activeMembers} active members, no compression`, networkQuery(networkId), {}],
    ]) {
      const result = await measure(base, databaseUrl, name, query, seconds, headers);
      rows.push(result.row);
      console.log(result.row);
    }
    return { rows, seeded };
  } finally {
    await withClient(databaseUrl, (c) => c.query('ALTER SYSTEM RESET shared_preload_libraries')).catch(() => undefined);
    await stop(server);
  }
}
