import { DataSource } from 'typeorm';
import { cursorOf } from '@app/activity';
import type { TestApp } from './test-app';

/**
 * The cursor of the newest activity item. A subscription opened `after` it replays whatever came
 * since, so it misses nothing written after this call however slowly the server sets it up (a
 * subscription without a cursor starts from whenever it is running).
 */
export async function newestActivityCursor(app: TestApp): Promise<string | null> {
  const [row] = await app.app
    .get(DataSource)
    .query<{ txId: string; sequence: string }[]>(
      'SELECT tx_id::text AS "txId", sequence::text AS sequence FROM activity_event ORDER BY tx_id DESC, sequence DESC LIMIT 1',
    );
  return row ? cursorOf(row) : null;
}
