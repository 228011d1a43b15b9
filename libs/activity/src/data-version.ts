import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { freshSingleFlight } from '@app/common';

const XMIN = `(pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

/**
 * A version of all domain state, in one cheap statement. Every domain change appends activity in
 * its own transaction (the outbox), so the visible activity log versions the visible domain:
 * its settled part is final below its head (no transaction older than the snapshot's xmin can
 * still commit), and above the xmin rows are only ever added, so (head, rows above xmin)
 * changes whenever a commit with activity becomes visible. Sessions are the one exception
 * (they append no activity): whatever reads them is not versioned by this.
 */
@Injectable()
export class DataVersion {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The version as of a read that started after this call (so a change committed before the
   * call is in it). Concurrent callers share one read: under load, one statement serves them all.
   */
  readonly current: () => Promise<string> = freshSingleFlight(() => this.read());

  private async read(): Promise<string> {
    const [row] = await this.dataSource.query<[{ version: string }]>(
      `SELECT concat_ws(':',
                (SELECT e.tx_id || '.' || e.sequence FROM activity_event e
                  WHERE e.tx_id < ${XMIN} ORDER BY e.tx_id DESC, e.sequence DESC LIMIT 1),
                (SELECT count(*) FROM activity_event e WHERE e.tx_id >= ${XMIN}),
                current_date) AS version`,
    );
    return row.version;
  }
}
