import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { freshSingleFlight } from '@app/common';
import { plainQuery } from '@app/database';
import { ACTIVITY_FAMILIES, type ActivityFamily, VERB_FAMILY } from './activity-family';
import type { ActivityVerb } from './activity.enums';

const XMIN = `(pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

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
    return `${families.map((family) => `${family}=${this.byFamily.get(family) ?? 0}`).join(',')}:${this.today}`;
  }
}

/**
 * A version of all domain state, and of each family of it, in one cheap statement. Every domain
 * change appends activity in its own transaction (the outbox), and activity is never deleted, so
 * the visible activity log versions the visible domain, and its rows of a family's verbs version
 * that family: reads here run one after another (the single flight), each on a later snapshot
 * that sees all the earlier one saw, so the number of visible rows of a verb changes when, and
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

  /** Runs one at a time (the single flight); the kept counts are also only ever moved forward from what a read saw. */
  private async read(): Promise<DataVersions> {
    const below = this.settledBelow;
    const counted = this.settledCounts;
    // Named and without TypeORM's query path: every uncached read of coverage (and every cached read) makes it.
    const rows = await plainQuery<{
      xmin: string;
      verb: string | null;
      newly_settled: string;
      unsettled: string;
      today: string;
    }>(
      this.dataSource,
      `SELECT s.xmin, e.verb::text AS verb,
              count(e.sequence) FILTER (WHERE e.tx_id < s.xmin) AS newly_settled,
              count(e.sequence) FILTER (WHERE e.tx_id >= s.xmin) AS unsettled,
              current_date::text AS today
         FROM (SELECT ${XMIN} AS xmin) s
         LEFT JOIN activity_event e ON e.tx_id >= $1
        GROUP BY s.xmin, e.verb`,
      [below],
    );
    const [first] = rows;
    if (!first) {
      throw new Error('The data version read returned no row'); // the outer side always gives one
    }
    const settled = new Map(counted);
    const visible = new Map(counted);
    for (const row of rows) {
      if (row.verb !== null) {
        settled.set(row.verb, (settled.get(row.verb) ?? 0) + Number(row.newly_settled));
        visible.set(row.verb, (visible.get(row.verb) ?? 0) + Number(row.newly_settled) + Number(row.unsettled));
      }
    }
    if (this.settledBelow === below && BigInt(first.xmin) > BigInt(below)) {
      this.settledCounts = settled;
      this.settledBelow = first.xmin;
    }
    return new DataVersions(`${sum(visible.values())}:${first.today}`, countsByFamily(visible), first.today);
  }
}

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
