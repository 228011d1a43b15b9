import { useMemo, useState } from 'react';
import type { Country, GovernanceType, Region } from '../gql/graphql';
import { followLink, paths } from '../lib/router';
import { GOVERNANCE_TYPES, governanceName, percent, regionName, REGIONS, STATUS_WORDS } from '../lib/words';
import type { NationalArea } from './coverage-types';

type Column = 'area' | 'status' | 'networks' | 'reach' | 'population' | 'region' | 'governance';
const STATUS_RANK = { RED: 0, AMBER: 1, GREEN: 2 } as const;

const sorters: Record<Column, (a: NationalArea, b: NationalArea) => number> = {
  area: (a, b) => a.policeForceArea.displayName.localeCompare(b.policeForceArea.displayName, 'en-GB'),
  status: (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status],
  networks: (a, b) => a.activeNetworkCount - b.activeNetworkCount,
  reach: (a, b) =>
    a.localAuthoritiesReached / a.localAuthoritiesTotal - b.localAuthoritiesReached / b.localAuthoritiesTotal,
  population: (a, b) => a.populationReachedShare - b.populationReachedShare,
  region: (a, b) => regionName(a.policeForceArea.region).localeCompare(regionName(b.policeForceArea.region), 'en-GB'),
  governance: (a, b) =>
    (a.policeForceArea.currentGovernance?.type ?? '').localeCompare(b.policeForceArea.currentGovernance?.type ?? ''),
};

const HEADINGS: Record<Column, string> = {
  area: 'Area',
  status: 'Status',
  networks: 'Active networks',
  reach: 'Local authorities reached',
  population: 'Population reached',
  region: 'Region',
  governance: 'Governance',
};

interface Filters {
  specialism: string;
  region: Region | '';
  country: Country | '';
  governance: GovernanceType | '';
}

/** The map's data as a table: sortable, filterable, and downloadable as CSV. */
export function CoverageTable({
  areas,
  specialisms,
}: {
  areas: readonly NationalArea[];
  specialisms: readonly { code: string; label: string }[];
}): React.JSX.Element {
  const [sort, setSort] = useState<{ column: Column; ascending: boolean }>({ column: 'area', ascending: true });
  const [filters, setFilters] = useState<Filters>({ specialism: '', region: '', country: '', governance: '' });
  const rows = useMemo(() => {
    const kept = areas.filter(
      (a) =>
        (!filters.specialism || a.specialismsPresent.some((s) => s.code === filters.specialism)) &&
        (!filters.region || a.policeForceArea.region === filters.region) &&
        (!filters.country || a.policeForceArea.country === filters.country) &&
        (!filters.governance || a.policeForceArea.currentGovernance?.type === filters.governance),
    );
    const compare = sorters[sort.column];
    return [...kept].sort((a, b) => (sort.ascending ? 1 : -1) * (compare(a, b) || sorters.area(a, b)));
  }, [areas, filters, sort]);
  const csv = new URLSearchParams();
  if (filters.specialism) {
    csv.set('specialism', filters.specialism);
  }
  if (filters.region) {
    csv.set('region', filters.region);
  }
  if (filters.country) {
    csv.set('country', filters.country);
  }
  const set = <K extends keyof Filters>(key: K, value: Filters[K]): void =>
    setFilters((now) => ({ ...now, [key]: value }));
  return (
    <section aria-labelledby="table-heading">
      <h2 id="table-heading">All areas</h2>
      <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label="Filter the table">
        <label>
          Specialism
          <select value={filters.specialism} onChange={(e) => set('specialism', e.target.value)}>
            <option value="">Any</option>
            {specialisms.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Region
          <select value={filters.region} onChange={(e) => set('region', e.target.value as Region | '')}>
            <option value="">Any</option>
            {REGIONS.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Country
          <select value={filters.country} onChange={(e) => set('country', e.target.value as Country | '')}>
            <option value="">Any</option>
            <option value="ENGLAND">England</option>
            <option value="WALES">Wales</option>
          </select>
        </label>
        <label>
          Governance
          <select value={filters.governance} onChange={(e) => set('governance', e.target.value as GovernanceType | '')}>
            <option value="">Any</option>
            {GOVERNANCE_TYPES.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <a className="button" href={`/coverage.csv${csv.size ? `?${csv.toString()}` : ''}`} download>
          Download CSV{filters.governance ? ' (without the governance filter)' : ''}
        </a>
      </form>
      <p role="status" className="muted">
        {rows.length} of {areas.length} areas shown
      </p>
      <div className="table-wrap">
        <table data-testid="coverage-table">
          <caption className="visually-hidden">Coverage by police force area; select a column heading to sort</caption>
          <thead>
            <tr>
              {(Object.keys(HEADINGS) as Column[]).map((column) => (
                <th
                  key={column}
                  scope="col"
                  aria-sort={sort.column === column ? (sort.ascending ? 'ascending' : 'descending') : undefined}
                >
                  <button
                    type="button"
                    onClick={() =>
                      setSort((now) => ({ column, ascending: now.column === column ? !now.ascending : true }))
                    }
                  >
                    {HEADINGS[column]}
                    <span aria-hidden="true">{sort.column === column ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((area) => (
              <tr key={area.policeForceArea.code} data-area={area.policeForceArea.code} data-status={area.status}>
                <th scope="row">
                  <a href={paths.area(area.policeForceArea.code)} onClick={followLink}>
                    {area.policeForceArea.displayName}
                  </a>
                </th>
                <td>
                  <span className={`badge badge-${area.status}`}>{STATUS_WORDS[area.status].label}</span>
                  {area.reasons.length > 0 ? <div className="reasons">{area.reasons.join('; ')}</div> : null}
                </td>
                <td>
                  {area.activeNetworkCount}
                  {area.openNetworkCount > area.activeNetworkCount
                    ? ` (+${area.openNetworkCount - area.activeNetworkCount} not active)`
                    : ''}
                </td>
                <td>
                  {area.localAuthoritiesReached} of {area.localAuthoritiesTotal}
                </td>
                <td>{percent(area.populationReachedShare)}</td>
                <td>{regionName(area.policeForceArea.region)}</td>
                <td>
                  {area.policeForceArea.currentGovernance
                    ? governanceName(area.policeForceArea.currentGovernance.type)
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
