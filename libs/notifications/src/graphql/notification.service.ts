import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Connection, DEFAULT_PAGE_SIZE, decodeCursor, hasUuid, isIsoInstant, toConnection } from '@app/common';
import { render, type TemplateName } from '../mail/templates';
import type { NotificationCategory, NotificationChannel } from '../notification.enums';
import type { Notification } from './notification.model';

interface Row {
  id: string;
  category: NotificationCategory;
  channel: NotificationChannel;
  template: TemplateName;
  data: Record<string, unknown>;
  created_at: Date;
  sent_at: Date | null;
  digest: boolean;
  read_at: Date | null;
  activity_sequence: string | null;
}

/** What was sent to a person, newest first, and its read state. */
@Injectable()
export class NotificationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listFor(personId: string, first = DEFAULT_PAGE_SIZE, after?: string): Promise<Connection<Notification>> {
    const position = after ? decodeCursor(after, 'after', (p) => isIsoInstant(p.key) && hasUuid(p)) : null;
    const rows = await this.dataSource.query<Row[]>(
      `SELECT id, category, channel, template, data, created_at, sent_at, digest, read_at, activity_sequence::text
         FROM notification
        WHERE person_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [personId, position?.key ?? null, position?.id ?? null, first + 1],
    );
    const [{ count }] = await this.dataSource.query<[{ count: number }]>(
      'SELECT count(*)::int AS count FROM notification WHERE person_id = $1',
      [personId],
    );
    return toConnection(rows.map(toModel), first, count, (n) => ({ key: n.createdAt.toISOString(), id: n.id }));
  }

  async markRead(personId: string, ids?: readonly string[]): Promise<number> {
    const [{ marked }] = await this.dataSource.query<[{ marked: number }]>(
      `WITH marked AS (
         UPDATE notification SET read_at = now()
          WHERE person_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
          RETURNING id)
       SELECT count(*)::int AS marked FROM marked`,
      [personId, ids ?? null],
    );
    return marked;
  }
}

function toModel(row: Row): Notification {
  let title: string;
  try {
    title = render(row.template, { ...row.data, links: {} }).subject;
  } catch {
    title = row.category;
  }
  return {
    id: row.id,
    category: row.category,
    channel: row.channel,
    title,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    inDigest: row.digest,
    read: row.read_at !== null,
    activitySequence: row.activity_sequence,
  };
}
