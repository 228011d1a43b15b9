// The read queries of `npm run bench:peers`, each as Convene and as PostGraphile v5 (Amber preset,
// default inflection: `allX`, `xByYId`, connections with `nodes`) ask it over the same tables.
// PostGraphile answers what the tables hold; where Convene computes (recurrences expanded into
// occurrences, coverage's national roll-up), its query reads the rows that computation starts from.
import { COVERAGE_QUERY, networkQuery } from './bench-networks.mjs';

/** Occurrences in the next 13 weeks, from the start of today (UTC), so both sides read the same window. */
export function occurrenceWindow(now = new Date()) {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const to = new Date(from.getTime() + 91 * 24 * 3600 * 1000);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** [name, Convene query, PostGraphile query] for the network `networkId` with `activeMembers`. */
export function peerQueries({ networkId, activeMembers, events }) {
  const { from, to } = occurrenceWindow();
  return [
    [
      '43 areas with their 318 authorities (code, name, population)',
      '{ policeForceAreas { code displayName localAuthorities { code name population } } }',
      '{ allPoliceForceAreas(orderBy: CODE_ASC) { nodes { code displayName localAuthoritiesByPoliceForceAreaId(orderBy: CODE_ASC) { nodes { code name population } } } } }',
    ],
    [
      `one network with its ${activeMembers} active members and their organisations`,
      `{ network(id: "${networkId}") { id name members { id role organisation { id name kind } } } }`,
      `{ localNetworkByRowId(rowId: "${networkId}") { rowId name
          networkMembershipsByNetworkId(condition: { status: ACTIVE }) {
            nodes { rowId role organisationByOrganisationId { rowId name kind } }
          }
        } }`,
    ],
    [
      '100 organisations with the authorities they serve',
      '{ organisations(first: 100) { totalCount edges { node { id name kind localAuthorities { code name } } } } }',
      `{ allOrganisations(first: 100, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { totalCount nodes {
          rowId name kind
          organisationLocalAuthoritiesByOrganisationId { nodes { localAuthorityByLocalAuthorityId { code name } } }
        } } }`,
    ],
    [
      'national coverage (43 areas; PostGraphile: the coverage_area view, no roll-up)',
      COVERAGE_QUERY,
      `{ allCoverageAreas { nodes {
          code name region country population status activeNetworks openNetworks memberOrganisations
          ladsTotal ladsReached populationReached lastActivityAt lastEngagementOn
          convenorIds specialismsPresent prioritiesMissing
        } } }`,
    ],
    [
      "the network query of `npm run bench` (convenors, area, member count, members' organisations)",
      networkQuery(networkId),
      `{ localNetworkByRowId(rowId: "${networkId}") {
          rowId name purpose status statusSince membersPublic
          policeForceAreaByPoliceForceAreaId { code displayName }
          convenors: networkMembershipsByNetworkId(condition: { status: ACTIVE, role: CONVENOR }) {
            nodes { organisationByOrganisationId { rowId name } }
          }
          members: networkMembershipsByNetworkId(condition: { status: ACTIVE }) {
            totalCount
            nodes { rowId role status joinedAt organisationByOrganisationId { rowId name kind } }
          }
        } }`,
    ],
    [
      `a page of ${events} events with their occurrences over 13 weeks (PostGraphile: rule and changes, unexpanded)`,
      `{ events(first: ${events}) { totalCount edges { node {
          id title kind startsAt endsAt timeZone recurrenceRule status visibility
          occurrences(from: "${from}", to: "${to}") { originalStart startsAt endsAt cancelled moved }
        } } } }`,
      `{ allEvents(first: ${events}, orderBy: [STARTS_AT_ASC, PRIMARY_KEY_ASC]) { totalCount nodes {
          rowId title kind startsAt endsAt timeZone recurrenceRule status visibility
          eventOccurrenceChangesByEventId { nodes { originalStart startsAt endsAt cancelled } }
        } } }`,
    ],
  ];
}
