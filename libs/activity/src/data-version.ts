import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { freshSingleFlight } from '@app/common';

const XMIN = `(pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

/**
 * A version of all domain state, in one cheap statement. Every domain change appends activity in
 * its own transaction (the outbox), and activity is never deleted, so the visible activity log
 * versions the visible domain: reads here run one after another (the single flight), each on a
 * later snapshot that sees all the earlier one saw, so the number of visible rows changes when,
 * and only when, a commit with activity becomes visible (also one committing late, behind a newer
 * one). Other databases' transactions moving the xmin change nothing. Sessions are the one
 * exception (they append no activity): whatever reads them is not versioned by this.
 *
 * Counting every row each time would cost a scan: rows below the snapshot's xmin are settled
 * (no transaction that old can still commit, and activity is never deleted), so their count is
 * kept from the last read and only rows from that xmin on are counted.
 */
@Injectable()
export class DataVersion {
  /** Rows with tx_id below `settledBelow` (all settled), as counted by an earlier read. */
  private settledBelow = '0';
  private settledCount = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The version as of a read that started after this call (so a change committed before the
   * call is in it). Concurrent callers share one read: under load, one statement serves them all.
   */
  readonly current: () => Promise<string> = freshSingleFlight(() => this.read());

  /** Runs one at a time (the single flight); the kept count is also only ever moved forward from what a read saw. */
  private async read(): Promise<string> {
    const below = this.settledBelow;
    const counted = this.settledCount;
    const [row] = await this.dataSource.query<
      [{ xmin: string; newly_settled: string; unsettled: string; today: string }]
    >(
      `SELECT s.xmin,
              count(e.sequence) FILTER (WHERE e.tx_id < s.xmin) AS newly_settled,
              count(e.sequence) FILTER (WHERE e.tx_id >= s.xmin) AS unsettled,
              current_date::text AS today
         FROM (SELECT ${XMIN} AS xmin) s
         LEFT JOIN activity_event e ON e.tx_id >= $1
        GROUP BY s.xmin`,
      [below],
    );
    const total = counted + Number(row.newly_settled) + Number(row.unsettled);
    if (this.settledBelow === below && BigInt(row.xmin) > BigInt(below)) {
      this.settledCount = counted + Number(row.newly_settled);
      this.settledBelow = row.xmin;
    }
    return `${total}:${row.today}`;
  }
}
