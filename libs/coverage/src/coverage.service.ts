import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  ActivityFamily,
  ActivityRecorder,
  ActivityVerb,
  ActivityVisibility,
  DataVersion,
  type DataVersions,
  withDependencies,
} from '@app/activity';
import { type Country, PoliceForceAreaEntity, type Region } from '@app/geography';
import { PlainRows, plainQuery } from '@app/database';
import { OrganisationEntity, SpecialismEntity, SpecialismService } from '@app/organisations';
import type { AreaFigures } from './coverage-figures';
import { CoveragePriorityEntity, CoverageSnapshotEntity } from './coverage.entities';
import { SpecialismLists } from './specialism-lists';

export interface CoverageFilter {
  readonly specialism?: string;
  readonly region?: Region;
  readonly country?: Country;
}

const DAYS_SINCE_LAST_ACTIVITY = `(current_date - last_activity_at::date) AS "daysSinceLastActivity"`;
// never below 0: engagements are dated by the UK's day, which can run ahead of the database's
const DAYS_SINCE_LAST_ENGAGEMENT = `CASE WHEN last_engagement_on IS NOT NULL THEN greatest(current_date - last_engagement_on, 0) END
    AS "daysSinceLastEngagement"`;

// Lists of codes and ids travel as JSON: node-postgres parses JSON natively, arrays character by
// character in JavaScript (3 % of a national report's CPU; the convenors' ids, empty in most areas, 0.06 ms a report).
/** What `coverage_area` stores of an area's figures (with its row), beside what it reads live (`LIVE_COLUMNS`). */
const STORED_COLUMNS = `code, name, region, country, population,
  active_networks AS "activeNetworks", networks_awaiting_verification AS "networksAwaitingVerification",
  open_networks AS "openNetworks", array_to_json(convenor_ids) AS "convenorIds",
  member_organisations AS "memberOrganisations", lads_total AS "localAuthoritiesTotal",
  lads_reached AS "localAuthoritiesReached", array_to_json(reached_ids) AS "reachedLocalAuthorityIds",
  population_reached::float8 AS "populationReached", array_to_json(specialisms_present) AS "specialismsPresent",
  to_char(last_engagement_on, 'YYYY-MM-DD') AS "lastEngagementOn"`;
const FIGURE_COLUMNS = `police_force_area_id AS "policeForceAreaId", ${STORED_COLUMNS},
  array_to_json(priorities_missing) AS "prioritiesMissing", last_activity_at AS "lastActivityAt",
  ${DAYS_SINCE_LAST_ACTIVITY}, ${DAYS_SINCE_LAST_ENGAGEMENT}, status`;
const FIGURES = `SELECT ${FIGURE_COLUMNS} FROM coverage_area`;

/** The rest of the area's row, beside its figures (see `areaOf`). */
const AREA_REST = `area_name AS "area.name", force_name AS "area.forceName", police_uk_force_id AS "area.policeUkForceId"`;
interface AreaRest {
  readonly 'area.name': string;
  readonly 'area.forceName': string;
  readonly 'area.policeUkForceId': string;
}

/**
 * An area's figures and row as read with everything stored, to be kept: frozen, since every report
 * showing the area until they change shares them.
 */
function kept(row: AreaFigures & AreaRest & Live): Kept {
  const figures: Kept['figures'] = {
    policeForceAreaId: row.policeForceAreaId,
    code: row.code,
    name: row.name,
    region: row.region,
    country: row.country,
    population: row.population,
    activeNetworks: row.activeNetworks,
    networksAwaitingVerification: row.networksAwaitingVerification,
    openNetworks: row.openNetworks,
    convenorIds: Object.freeze(row.convenorIds),
    memberOrganisations: row.memberOrganisations,
    localAuthoritiesTotal: row.localAuthoritiesTotal,
    localAuthoritiesReached: row.localAuthoritiesReached,
    reachedLocalAuthorityIds: row.reachedLocalAuthorityIds && Object.freeze(row.reachedLocalAuthorityIds),
    populationReached: row.populationReached,
    specialismsPresent: Object.freeze(row.specialismsPresent),
    lastEngagementOn: row.lastEngagementOn,
  };
  return { version: row.figuresVersion, figures, area: Object.freeze(areaOf(row)) };
}

/** The area's row as the areas' loader reads it, out of its figures and the rest of its row. */
function areaOf(row: AreaFigures & AreaRest): PoliceForceAreaEntity {
  return {
    id: row.policeForceAreaId,
    code: row.code,
    name: row['area.name'],
    displayName: row.name,
    forceName: row['area.forceName'],
    policeUkForceId: row['area.policeUkForceId'],
    country: row.country,
    region: row.region,
    population: row.population,
  };
}

/** Statement texts kept: two, times the sets of the convenors' columns (a few), times eight filters. */
const MAX_FIGURES_TEXTS = 5_000;

/**
 * What a report reads of each area on every request: what moves without the stored figures moving
 * (last activity, and the status it makes; days since; the priorities missing), and the version of
 * what is stored (`figures_version`: the figures' row and the area's, as last written).
 */
const LIVE_COLUMNS = `police_force_area_id AS "policeForceAreaId", figures_version AS "figuresVersion",
  last_activity_at AS "lastActivityAt", ${DAYS_SINCE_LAST_ACTIVITY}, ${DAYS_SINCE_LAST_ENGAGEMENT}, status,
  array_to_json(priorities_missing) AS "prioritiesMissing"`;
type LiveFigure = 'lastActivityAt' | 'daysSinceLastActivity' | 'daysSinceLastEngagement' | 'status' | 'prioritiesMissing';
type Live = Pick<AreaFigures, 'policeForceAreaId' | LiveFigure> & { readonly figuresVersion: string };

/** An area's stored figures and row, kept while `coverage_area` names the same version of them. */
interface Kept {
  readonly version: string;
  readonly figures: Omit<AreaFigures, LiveFigure>;
  readonly area: PoliceForceAreaEntity;
}

/**
 * The filter's conditions, only those it sets (numbered from $1), and their values. Not one text
 * with `$1 IS NULL OR …` for all: PostgreSQL's generic plan for that cannot drop the unset ones
 * and, taking the filters for selective, joined the figures to the areas by nested loop (20 % more
 * of its CPU for an unfiltered national read).
 */
function filtered(filter: CoverageFilter): { where: string; parameters: string[] } {
  const conditions: string[] = [];
  const parameters: string[] = [];
  const add = (value: string | null | undefined, condition: (parameter: string) => string): void => {
    if (value !== undefined && value !== null) {
      parameters.push(value);
      conditions.push(condition(`$${parameters.length}`));
    }
  };
  add(filter.specialism, (p) => `${p}::text = ANY(specialisms_present)`);
  add(filter.region, (p) => `region::text = ${p}`);
  add(filter.country, (p) => `country::text = ${p}`);
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', parameters };
}

/**
 * What the materialised figures read: networks, memberships, organisations (their verification,
 * authorities and specialisms), geography and engagements, with the priorities (coverage's own).
 * An area's last activity (any verb naming a network) is read live by the `coverage_area` view.
 */
const FIGURES_READ = withDependencies([ActivityFamily.COVERAGE]);

/** What a report's areas read beyond their figures (`areasWithPoliceForceAreas`). */
interface AreasRead {
  readonly withConvenors: boolean;
  /** The fields asked of the convenors: only their columns are read where all are columns (see `convenorsServe`). */
  readonly convenorFields: ReadonlySet<string> | undefined;
}

/** An area's figures, its police force area (as the areas' loader reads it) and its convenors where read. */
export interface AreaRow {
  readonly figures: AreaFigures;
  readonly area: PoliceForceAreaEntity;
  readonly convenors: OrganisationEntity[] | null;
}

interface VocabularyAndPriorities {
  readonly vocabulary: readonly SpecialismEntity[];
  readonly priorityCodes: readonly string[];
  /** The vocabulary by code and the lists of it the areas show, kept with it. */
  readonly lists: SpecialismLists;
}

interface Seen {
  /** The version of all domain state (with the date). */
  readonly whole: string;
  /** The versions of the families the figures read (with the date). */
  readonly figures: string;
}

/**
 * Coverage, a read model over geography, organisations, networks and activity (it reads their
 * tables, in SQL only). Figures live in a materialised view, refreshed when the versions of the
 * families they read (libs/activity) have moved since the last refresh (every domain change
 * appends activity of its family), so a read costs a fixed number of statements whatever the data
 * size; today's snapshots are retaken when anything moved (an area's status reads its last activity).
 */
@Injectable()
export class CoverageService {
  /** The versions read when the last refresh started. */
  private seen: Seen | null = null;
  private refreshing: Promise<void> | null = null;
  /** Refreshes started and finished (one at a time, so they finish in order). */
  private started = 0;
  private finished = 0;
  private plainSpecialisms?: PlainRows<SpecialismEntity>;
  private plainOrganisations?: PlainRows<OrganisationEntity>;
  private readonly figuresTexts = new Map<string, string>();
  /** By area id; at most one an area. */
  private readonly kept = new Map<string, Kept>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityRecorder,
    private readonly specialisms: SpecialismService,
    private readonly version: DataVersion,
  ) {}

  /** Every area's figures (in area name order), narrowed by the filter. */
  async areas(filter: CoverageFilter = {}): Promise<AreaFigures[]> {
    if (filter.specialism) {
      await this.specialisms.assertKnown([filter.specialism], 'filter.specialism');
    }
    await this.ensureFresh();
    const { where, parameters } = filtered(filter);
    return this.dataSource.query(`${FIGURES} ${where} ORDER BY name`, parameters);
  }

  /**
   * As `areas`, each with its police force area (the row geography's loader reads, or only what the
   * figures hold of it: see `AreasRead.wholeAreas`) and, when asked, its convenors' organisations (as
   * organisations' loader reads them, in the order of `convenorIds`), in one prepared statement: the
   * report shows each area's name and code. With the vocabulary and the priorities the report measures against.
   */
  async areasWithPoliceForceAreas(
    filter: CoverageFilter = {},
    asked: Partial<AreasRead> = {},
  ): Promise<{ rows: AreaRow[]; vocabulary: Readonly<VocabularyAndPriorities> }> {
    if (filter.specialism) {
      await this.specialisms.assertKnown([filter.specialism], 'filter.specialism');
    }
    const options: AreasRead = { withConvenors: asked.withConvenors ?? false, convenorFields: asked.convenorFields };
    const read = (stored = false): ReturnType<CoverageService['figuresWithAreas']> =>
      this.figuresWithAreas(filter, options, stored);
    // The statement reads the data versions too, in its own snapshot. Sent while no refresh runs,
    // that snapshot sees the view as the last refresh left it (or as a later one, by another
    // instance), which holds the figures of what the versions read before that refresh named; if
    // the versions seen now are those, nothing moved since, and the figures are today's: one round
    // trip. Else (a write since, or no refresh yet) the figures are made fresh and, if they moved, read again.
    const seen = this.refreshing === null ? this.seen : null;
    const finished = this.finished;
    const first = await read();
    if (seen !== null && first.versions?.whole === seen.whole) {
      return { rows: first.rows, vocabulary: await this.vocabularyAndPriorities(first.versions) };
    }
    // The versions read serve the refresh only where none ran meanwhile: else they may be older than
    // what the last one read (its record would move back), and a fresh read decides.
    const given = seen === this.seen && finished === this.finished ? first.versions : null;
    const versions = await this.ensureFresh(given);
    const unmoved = seen !== null && first.versions?.versionOf(FIGURES_READ) === seen.figures;
    // After a refresh that moved them, the stored figures are read with the live: most will have changed.
    const { rows } = unmoved ? first : await read(true);
    return { rows, vocabulary: await this.vocabularyAndPriorities(versions) };
  }

  /**
   * The areas' live figures (`LIVE_COLUMNS`) beside what is kept of their stored figures and rows:
   * one statement where what is kept is the version `coverage_area` names (the stored figures move
   * only when a refresh changes them). Where any is not, or with `stored`, the same statement with
   * everything stored too, whose rows are kept: one snapshot for all, as what the answer shows must be.
   */
  private async figuresWithAreas(
    filter: CoverageFilter,
    { withConvenors, convenorFields }: AreasRead,
    stored: boolean,
  ): Promise<{
    rows: AreaRow[];
    /** The data versions in the statement's snapshot; none where no area matched the filter. */
    versions: DataVersions | null;
  }> {
    const organisations = this.plainOrganisationRows();
    const only = withConvenors && convenorFields ? organisations.columnsAmong(convenorFields) : undefined;
    const { where, parameters } = filtered(filter);
    const versions = this.version.alongside(parameters.length + 1);
    const read = (withStored: boolean) =>
      plainQuery<Live & Partial<AreaFigures & AreaRest> & Record<string, unknown>>(
        this.dataSource,
        this.figuresText({ stored: withStored, where, withConvenors, only, versions: versions.select }),
        [...parameters, versions.parameter],
      );
    let withStored = stored;
    let rows = await read(withStored);
    if (!withStored && rows.some((row) => this.kept.get(row.policeForceAreaId)?.version !== row.figuresVersion)) {
      withStored = true;
      rows = await read(withStored);
    }
    if (withStored) {
      // A slower read may put back an older version: the next report finds it stale and reads again.
      for (const row of rows) {
        this.kept.set(row.policeForceAreaId, kept(row as AreaFigures & AreaRest & Live));
      }
    }
    const [first] = rows;
    return {
      rows: rows.map((row) => {
        // Every row is kept at its version now; the stored figures as kept, the live as read.
        const { figures, area } = this.kept.get(row.policeForceAreaId) as Kept;
        const found = row['convenors?'] as unknown[][] | null;
        let convenors: OrganisationEntity[] | null = null;
        if (found) {
          const byId = new Map(
            found.map((tuple) => {
              const organisation = organisations.fromTexts(tuple, 0, only);
              return [organisation.id, organisation];
            }),
          );
          convenors = figures.convenorIds.flatMap((id) => byId.get(id) ?? []);
        }
        return {
          figures: {
            ...figures,
            lastActivityAt: row.lastActivityAt,
            daysSinceLastActivity: row.daysSinceLastActivity,
            daysSinceLastEngagement: row.daysSinceLastEngagement,
            status: row.status,
            prioritiesMissing: row.prioritiesMissing,
          },
          area,
          convenors,
        };
      }),
      versions: first ? versions.of(first['versions?'] as string) : null,
    };
  }

  /** The statement of `figuresWithAreas`, made once for each variant, set of the convenors' columns and filter. */
  private figuresText(variant: {
    stored: boolean;
    where: string;
    withConvenors: boolean;
    only: ReadonlySet<string> | undefined;
    versions: string;
  }): string {
    const { stored, where, withConvenors, only } = variant;
    // The same string each time is hashed once where it is looked up.
    const key = `${stored}|${withConvenors}|${only ? [...only].sort().join(',') : '*'}|${where}`;
    let text = this.figuresTexts.get(key);
    if (text === undefined) {
      const organisations = this.plainOrganisationRows();
      // Text arrays, not JSON objects: half of PostgreSQL's CPU for them (see PlainRows.textTuple).
      // Most areas have no convenor (every area without an active network): no lookup for those.
      const convenors = withConvenors
        ? `CASE WHEN cardinality(c.convenor_ids) > 0 THEN array_to_json(ARRAY(SELECT ARRAY[${organisations.textTuple('j', only)}]
             FROM "organisation" j WHERE j.id = ANY(c.convenor_ids))) ELSE '[]' END`
        : 'NULL';
      // The versions' subquery runs once (it reads no column of the row); its text is sent on every row, a few bytes.
      text = `SELECT ${LIVE_COLUMNS}, ${stored ? `${STORED_COLUMNS}, ${AREA_REST}, ` : ''}${convenors} AS "convenors?",
           ${variant.versions} AS "versions?"
         FROM coverage_area c ${where} ORDER BY name`;
      if (this.figuresTexts.size < MAX_FIGURES_TEXTS) {
        this.figuresTexts.set(key, text);
      }
    }
    return text;
  }

  /** Whether convenors read with `convenorFields` (or whole) serve a query asking for these fields of them. */
  convenorsServe(convenors: readonly OrganisationEntity[], fields: ReadonlySet<string>): boolean {
    const organisations = this.plainOrganisationRows();
    return convenors.every((organisation) => organisations.has(organisation, fields));
  }

  private plainOrganisationRows(): PlainRows<OrganisationEntity> {
    return (this.plainOrganisations ??= new PlainRows(this.dataSource.getRepository(OrganisationEntity)));
  }

  async forAreaIds(ids: readonly string[]): Promise<AreaFigures[]> {
    await this.ensureFresh();
    return this.dataSource.query(`${FIGURES} WHERE police_force_area_id = ANY($1)`, [ids]);
  }

  /**
   * One snapshot per day from `from` to `to`, each day carrying the latest figures taken on or
   * before it; days after today (the database's day, on which snapshots are taken) have none yet.
   */
  async history(areaId: string, from: string, to: string): Promise<(CoverageSnapshotEntity | null)[]> {
    await this.ensureFresh();
    const rows: ({ day: string } & Partial<CoverageSnapshotEntity>)[] = await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, s.status, s.active_networks AS "activeNetworks",
              s.member_organisations AS "memberOrganisations", s.local_authorities_reached AS "localAuthoritiesReached",
              s.local_authorities_total AS "localAuthoritiesTotal", s.population_reached AS "populationReached",
              s.specialisms_present AS "specialismsPresent", to_char(s.taken_on, 'YYYY-MM-DD') AS "takenOn"
         FROM generate_series($2::date, least($3::date, current_date), interval '1 day') AS day
         LEFT JOIN LATERAL (
           SELECT * FROM coverage_snapshot c
            WHERE c.police_force_area_id = $1 AND c.taken_on <= day
            ORDER BY c.taken_on DESC LIMIT 1
         ) s ON true
        ORDER BY day`,
      [areaId, from, to],
    );
    return rows.map(({ day, ...snapshot }) =>
      snapshot.takenOn ? ({ ...snapshot, takenOn: day } as CoverageSnapshotEntity) : null,
    );
  }

  /**
   * The vocabulary (as `SpecialismService.list` reads it, by label) and the priority codes (by
   * position): the report reads both. Kept while the versions of the families the figures read do
   * not move (new specialisms are organisations' activity, priorities coverage's), as the figures
   * themselves are: in the steady state a report is one statement beside the shared versions read.
   */
  private vocabularyAndPriorities(versions: DataVersions): Promise<Readonly<VocabularyAndPriorities>> {
    const version = versions.versionOf(FIGURES_READ);
    if (this.vocabulary?.version !== version) {
      // Read after the versions: at least as new as what they name.
      const value = this.readVocabularyAndPriorities();
      this.vocabulary = { version, value };
      value.catch(() => {
        if (this.vocabulary?.value === value) {
          this.vocabulary = null; // the next caller reads again
        }
      });
    }
    return this.vocabulary.value;
  }

  private vocabulary: { version: string; value: Promise<Readonly<VocabularyAndPriorities>> } | null = null;

  /** The vocabulary and the priority codes in one statement. */
  private async readVocabularyAndPriorities(): Promise<Readonly<VocabularyAndPriorities>> {
    const plain = (this.plainSpecialisms ??= new PlainRows(this.dataSource.getRepository(SpecialismEntity)));
    const rows = await plain.query<Record<string, unknown> & { 'position?': number | null }>(
      `SELECT ${plain.selectList('s')}, p.position AS "position?"
         FROM specialism s LEFT JOIN coverage_priority p ON p.specialism_code = s.code
        ORDER BY s.label`,
      [],
    );
    const priorities = rows.filter((row) => row['position?'] !== null);
    priorities.sort((a, b) => (a['position?'] ?? 0) - (b['position?'] ?? 0));
    const vocabulary = rows.map((row) => plain.pick(row));
    return {
      vocabulary,
      priorityCodes: priorities.map((row) => row.code as string),
      lists: new SpecialismLists(vocabulary),
    };
  }

  priorities(): Promise<CoveragePriorityEntity[]> {
    return this.dataSource.getRepository(CoveragePriorityEntity).find({ order: { position: 'ASC' } });
  }

  /** Replaces the priority list (admins). */
  async setPriorities(personId: string | null, codes: readonly string[]): Promise<CoveragePriorityEntity[]> {
    const unique = [...new Set(codes)];
    await this.specialisms.assertKnown(unique, 'input.specialisms');
    await this.activity.transaction(async (tx, record) => {
      await tx.query('DELETE FROM coverage_priority');
      if (unique.length > 0) {
        await tx.insert(
          CoveragePriorityEntity,
          unique.map((specialismCode, position) => ({ specialismCode, position })),
        );
      }
      await record({
        verb: ActivityVerb.COVERAGE_PRIORITIES_SET,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: personId,
        payload: { specialisms: unique },
      });
    });
    return this.priorities();
  }

  /**
   * Refreshes the figures when the families they read moved, and today's snapshots when anything
   * did (any visible domain change, also one committed late behind a newer one) or the day changed.
   * Only a refresh that started after this call read the versions will do: one already running may
   * predate the change. A refresh compares the figures' versions, read no earlier than those of any
   * caller waiting for it, with those of the refresh before it: if they did not move, no write the
   * figures read became visible in between, and the view already holds what a refresh would compute.
   * `given`: versions the caller read alongside its own statement, after the last refresh ended.
   */
  private async ensureFresh(given: DataVersions | null = null): Promise<DataVersions> {
    const versions = given ?? (await this.version.versions());
    if (this.seen?.whole === versions.whole) {
      return versions;
    }
    const needed = this.started + 1;
    // What this call read serves a refresh it starts before waiting: no caller waits for that one
    // (one that came while another ran resumes, when it ends, before any new call, and starts the
    // next with a fresh read). After a wait, the refresh reads again.
    let read: DataVersions | null = versions;
    while (this.finished < needed) {
      if (!this.refreshing) {
        const run = ++this.started;
        this.refreshing = (read ? Promise.resolve(read) : this.version.versions())
          .then(async (at) => {
            const now: Seen = { whole: at.whole, figures: at.versionOf(FIGURES_READ) };
            await this.refresh(this.seen?.figures !== now.figures);
            this.finished = run;
            this.seen = now;
          })
          .catch((error: unknown) => {
            this.seen = null; // what the view holds is not known: the next refresh retakes everything
            throw error;
          })
          .finally(() => {
            this.refreshing = null;
          });
      }
      await this.refreshing;
      read = null;
    }
    return versions;
  }

  private async refresh(figures: boolean): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (figures) {
        await tx.query('REFRESH MATERIALIZED VIEW CONCURRENTLY coverage_area_figures');
      }
      await tx.query(
        `INSERT INTO coverage_snapshot AS s (police_force_area_id, taken_on, status, active_networks, member_organisations,
           local_authorities_reached, local_authorities_total, population_reached, specialisms_present)
         SELECT police_force_area_id, current_date, status, active_networks, member_organisations,
                lads_reached, lads_total, population_reached, specialisms_present
           FROM coverage_area
         ON CONFLICT (police_force_area_id, taken_on) DO UPDATE SET
           status = excluded.status, active_networks = excluded.active_networks,
           member_organisations = excluded.member_organisations,
           local_authorities_reached = excluded.local_authorities_reached,
           local_authorities_total = excluded.local_authorities_total,
           population_reached = excluded.population_reached, specialisms_present = excluded.specialisms_present
         WHERE (s.status, s.active_networks, s.member_organisations, s.local_authorities_reached,
                s.population_reached, s.specialisms_present)
           IS DISTINCT FROM (excluded.status, excluded.active_networks, excluded.member_organisations,
                excluded.local_authorities_reached, excluded.population_reached, excluded.specialisms_present)`,
      );
    });
  }
}
