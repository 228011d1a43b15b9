import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { freshSingleFlight } from '@app/common';
import { plainQuery } from '@app/database';
import { ACTIVITY_FAMILIES, type ActivityFamily, VERB_FAMILY } from './activity-family';
import type { ActivityVerb } from './activity.enums';

const SNAPSHOT_BOUND = (bound: 'xmin' | 'xmax'): string => `(pg_snapshot_${bound}(c)::text)::bigint`;

/**
 * The versions read by one statement: of all domain state (`whole`), and of each family of it
 * (the count of its verbs' visible activity). Each comes with the database's date, as before.
 */
export class DataVersions {
  constructor(
    /** Of all domain state: changes when any activity becomes visible. */
    readonly whole: string,
    private readonly byFamily: ReadonlyMap<ActivityFamily, number>,
    readonly today: string,
  ) {}

  /** The versions of the families given, as one string (families in a stable order). */
  versionOf(families: readonly ActivityFamily[]): string {
    let version = this.ofFamilies.get(families);
    if (version === undefined) {
      version = `${families.map((family) => `${family}=${this.byFamily.get(family) ?? 0}`).join(',')}:${this.today}`;
      this.ofFamilies.set(families, version); // callers pass the same lists again (constants, kept read sets)
    }
    return version;
  }

  /** Weak: a list no longer kept elsewhere (an evicted read set) goes with its entry. */
  private readonly ofFamilies = new WeakMap<readonly ActivityFamily[], string>();
}

/**
 * A version of all domain state, and of each family of it, in one cheap statement. Every domain
 * change appends activity in its own transaction (the outbox), and activity is never deleted, so
 * the visible activity log versions the visible domain, and its rows of a family's verbs version
 * that family: reads here run one after another (the single flight; a read alongside is compared
 * only with one that answered before it was sent), each on a later snapshot that sees all the
 * earlier one saw, so the number of visible rows of a verb changes when, and
 * only when, a commit with activity of that verb becomes visible (also one committing late, behind
 * a newer one). Other databases' transactions moving the xmin change nothing. Sessions are the
 * one exception (they append no activity): whatever reads them is not versioned by this.
 *
 * Counting every row each time would cost a scan: rows below the snapshot's xmin are settled
 * (no transaction that old can still commit, and activity is never deleted), so their counts per
 * verb are kept from the last read and only rows from that xmin on are counted.
 */
@Injectable()
export class DataVersion {
  /** Rows with tx_id below `settledBelow` (all settled), by verb, as counted by an earlier read. */
  private settledBelow = '0';
  private settledCounts = new Map<string, number>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The versions as of a read that started after this call (so a change committed before the
   * call is in them). Concurrent callers share one read: under load, one statement serves them all.
   */
  readonly versions: () => Promise<DataVersions> = freshSingleFlight(() => this.read());

  /** The version of all domain state (with the date), as of a read that started after this call. */
  readonly current = async (): Promise<string> => (await this.versions()).whole;

  /**
   * The versions as of a caller's own statement, read in it (its snapshot): `select` is a scalar
   * subquery giving text, with `$n` bound to `parameter`; `of` reads its value. Unlike
   * `versions()`, such reads are not ordered with each other; what each shows is as of its snapshot.
   */
  alongside(n: number): VersionsAlongside {
    const below = this.settledBelow;
    const counted = this.settledCounts;
    return {
      select: (selects[n] ??= versionsSelect(n)),
      parameter: below,
      of: (text) => this.counted(below, counted, text),
    };
  }

  /** Runs one at a time (the single flight). */
  private async read(): Promise<DataVersions> {
    const { select, parameter, of } = this.alongside(1);
    // Named and without TypeORM's query path: every cached read makes it.
    const [row] = await plainQuery<{ versions: string }>(this.dataSource, `SELECT ${select} AS versions`, [parameter]);
    if (!row) {
      throw new Error('The data version read returned no row');
    }
    return of(row.versions);
  }

  /**
   * The versions a read's value shows, over the counts kept below `below`. Those move forward only
   * from `below`, to a snapshot's xmin: a statement sent after that one's answer (so any later read
   * that starts from the new xmin) has a snapshot no older, whose xmin is no lower.
   */
  private counted(below: string, counted: ReadonlyMap<string, number>, text: string): DataVersions {
    const [xmin, today, verbs] = JSON.parse(text) as [string, string, [string, number, number][]];
    const moves = this.settledBelow === below && BigInt(xmin) > BigInt(below);
    if (verbs.length === 0) {
      // Nothing from `below` on (most reads under load): the versions of the counts kept, made once.
      if (moves) {
        this.settledBelow = xmin;
      }
      if (this.ofCounted?.counted !== counted || this.ofCounted.versions.today !== today) {
        this.ofCounted = { counted, versions: versionsOf(counted, today) };
      }
      return this.ofCounted.versions;
    }
    const settled = new Map(counted);
    const visible = new Map(counted);
    for (const [verb, newlySettled, unsettled] of verbs) {
      settled.set(verb, (settled.get(verb) ?? 0) + newlySettled);
      visible.set(verb, (visible.get(verb) ?? 0) + newlySettled + unsettled);
    }
    if (moves) {
      this.settledCounts = settled;
      this.settledBelow = xmin;
    }
    return versionsOf(visible, today);
  }

  private ofCounted: { counted: ReadonlyMap<string, number>; versions: DataVersions } | null = null;
}

const versionsOf = (byVerb: ReadonlyMap<string, number>, today: string): DataVersions =>
  new DataVersions(`${sum(byVerb.values())}:${today}`, countsByFamily(byVerb), today);

/** A read of the versions inside another statement: see `DataVersion.alongside`. */
export interface VersionsAlongside {
  readonly select: string;
  readonly parameter: string;
  readonly of: (text: string) => DataVersions;
}

/**
 * The snapshot's xmin, the database's date and, by verb, the activity rows from tx id `$n` on:
 * those below the xmin (settled now) and from it on, as JSON text (one value, parsed once). Rows
 * from the snapshot's xmax on are not visible to it; bounded on both sides, the scan takes the
 * index in a generic plan too (from `$n` alone, a prepared statement's generic plan expects a
 * third of the table and scans all of it: a whole report's statement is planned once, generic).
 */
/** By parameter number: the same text each time (callers keep their statements' texts). */
const selects: string[] = [];
const versionsSelect = (n: number): string =>
  `(SELECT json_build_array(s.xmin::text, current_date::text, (
     SELECT coalesce(json_agg(json_build_array(e.verb, e.newly_settled, e.unsettled)), '[]')
       FROM (SELECT verb::text AS verb, count(*) FILTER (WHERE tx_id < s.xmin) AS newly_settled,
                    count(*) FILTER (WHERE tx_id >= s.xmin) AS unsettled
               FROM activity_event WHERE tx_id >= $${n}::bigint AND tx_id < s.xmax GROUP BY verb) e))
     FROM (SELECT ${SNAPSHOT_BOUND('xmin')} AS xmin, ${SNAPSHOT_BOUND('xmax')} AS xmax FROM pg_current_snapshot() c) s)::text`;

/** Each family's count; a verb this build does not know (a newer build wrote it) counts for every family. */
function countsByFamily(byVerb: ReadonlyMap<string, number>): Map<ActivityFamily, number> {
  const counts = new Map<ActivityFamily, number>(ACTIVITY_FAMILIES.map((family) => [family, 0]));
  for (const [verb, count] of byVerb) {
    const family = (VERB_FAMILY as Partial<Record<string, ActivityFamily>>)[verb as ActivityVerb];
    for (const each of family ? [family] : ACTIVITY_FAMILIES) {
      counts.set(each, (counts.get(each) ?? 0) + count);
    }
  }
  return counts;
}

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const value of values) {
    total += value;
  }
  return total;
};
