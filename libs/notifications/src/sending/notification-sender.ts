import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { transactionReadingBeside } from '@app/database';
import { EventEntity, EventOccurrenceChangeEntity, icalendarOf } from '@app/events';
import { LinkPurpose, linkToken, PersonDirectory } from '@app/identity';
import { MailTransport, type OutgoingMail } from '../mail/mail-transport';
import { render, TemplateName } from '../mail/templates';
import { FIXED_CATEGORIES, type NotificationCategory } from '../notification.enums';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options';
import { DIGEST_ZONE, NotificationPlanner } from '../planning/notification-planner';
import { unsubscribeToken } from '../unsubscribe/unsubscribe-link';
import { type DigestJob, NotificationQueue, type SendJob } from './notification-queue';

interface NotificationRow {
  id: string;
  person_id: string | null;
  email: string;
  category: NotificationCategory;
  subject: string;
  template: TemplateName;
  data: Record<string, unknown>;
  message_id: string;
}

const CATEGORY_LABEL: Record<string, string> = {
  NETWORK_MEMBERSHIP: 'network invitations and requests',
  EVENT_REMINDER: 'event reminders',
  EVENT_CHANGE: 'event changes',
  DRAFTING: 'drafting',
  COMMITMENTS: 'commitments',
  NETWORK_ACTIVITY: 'the daily digest',
  ORGANISATION_ADMIN: 'notices to admins',
  POLLS: 'scheduling polls',
  DRAFT_FEEDBACK: 'replies and decisions on your drafting',
};

/**
 * Sends planned notifications: claims the row with a lease (so two instances never send it at
 * once), renders it, hands it to SMTP, and marks it sent. A crash before the mark leaves the row
 * unsent; its job expires and is retried once the lease has run out: the message is sent again
 * with the same Message-ID. A row already marked is never sent again.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap {
  private readonly log = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
    private readonly queue: NotificationQueue,
    private readonly transport: MailTransport,
    private readonly planner: NotificationPlanner,
    private readonly people: PersonDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work(
      (job) => this.send(job),
      (job) => this.digest(job),
    );
  }

  async send(job: SendJob): Promise<void> {
    // Claimed with a lease in its own short statement: no transaction (which would hold back every
    // feed's settled point, see the activity notes) stays open while the SMTP server answers.
    const [row] = await this.dataSource.query<NotificationRow[]>(
      `WITH claimed AS (
         UPDATE notification SET claimed_until = now() + make_interval(secs => $2)
          WHERE id = $1 AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
          RETURNING id, person_id, email, category, subject, template, data, message_id)
       SELECT * FROM claimed`,
      [job.notificationId, this.options.takeoverSeconds],
    );
    if (!row) {
      const [state] = await this.dataSource.query<{ sent: boolean }[]>(
        'SELECT sent_at IS NOT NULL AS sent FROM notification WHERE id = $1',
        [job.notificationId],
      );
      if (!state || state.sent) {
        return; // sent already
      }
      // Another sender holds it (or held it and died): try again once its lease has run out.
      throw new Error('Being sent by another instance');
    }
    // To the person's address now, not the one they had when it was planned: a message waiting
    // for retries must not follow an address they have left. Only an email-change confirmation
    // goes to the address it names. Someone without an account any more gets nothing (deleting a
    // person also deletes their notifications; this covers one deleted while it was claimed).
    if (row.person_id && row.template !== TemplateName.EMAIL_CHANGE) {
      const person = await this.people.addressee(row.person_id);
      if (!person) {
        await this.dataSource.query('DELETE FROM notification WHERE id = $1', [row.id]);
        return;
      }
      row.email = person.email;
    }
    try {
      await this.transport.send(await this.compose(this.dataSource.manager, row));
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown';
      this.log.warn(`Sending notification ${row.id} failed (will retry): ${reason}`);
      await this.dataSource
        .query('UPDATE notification SET claimed_until = NULL, attempts = attempts + 1, last_error = $2 WHERE id = $1', [
          row.id,
          reason,
        ])
        .catch(() => undefined);
      throw error;
    }
    // Accepted by SMTP: marked at once. A crash before this line sends it again later, with the same Message-ID.
    await this.dataSource.query(
      `UPDATE notification SET sent_at = now(), claimed_until = NULL, attempts = attempts + 1, last_error = NULL, email = $2
        WHERE id = $1`,
      [row.id, row.email],
    );
  }

  /**
   * A person's digest: gathers the items planned for it that they may still see into one
   * message (none: nothing is sent), as a notification of its own sent like any other.
   */
  async digest(job: DigestJob): Promise<void> {
    const person = await this.people.addressee(job.personId);
    if (!person) {
      return;
    }
    // Who may still see each item is read beside the transaction (the side pool).
    await transactionReadingBeside(this.dataSource, async (tx) => {
      // Claims the waiting items: the no-op update holds them to the end of this transaction, and
      // a concurrent digest for the same person waits on them, then re-checks digest_id and finds
      // them gathered (or deleted) already, so no item goes out in two digests.
      const items = await tx.query<{ id: string; data: Record<string, unknown> }[]>(
        `WITH claimed AS (
           UPDATE notification SET digest_id = NULL
            WHERE id IN (SELECT id FROM notification
                          WHERE person_id = $1 AND digest AND digest_id IS NULL
                          ORDER BY activity_sequence, id
                          LIMIT 500)
              AND digest_id IS NULL
            RETURNING id, data, activity_sequence)
         SELECT id, data FROM claimed ORDER BY activity_sequence, id`,
        [job.personId],
      );
      const visible: typeof items = [];
      for (const item of items) {
        const v = item.data.visibility as {
          visibility: string;
          organisationId: string | null;
          networkId: string | null;
        };
        if (await this.planner.stillSees(person, v as never)) {
          visible.push(item);
        }
      }
      if (visible.length > 0) {
        const created = await this.planner.insert(tx, {
          recipient: person.personId,
          personId: person.personId,
          email: person.email,
          category: 'NETWORK_ACTIVITY' as NotificationCategory,
          subject: `digest:${job.date}`,
          template: TemplateName.DIGEST,
          data: {
            date: job.date,
            count: visible.length,
            single: visible.length === 1,
            items: visible.map((i) => ({
              headline: i.data.headline,
              when: DateTime.fromISO(String(i.data.occurredAt), { zone: DIGEST_ZONE }).toFormat('d LLL, HH:mm'),
            })),
          },
          activitySequence: null,
          digest: false,
        });
        if (!created) {
          return; // today's digest went already; these wait for tomorrow's
        }
      }
      // Items the reader may no longer see are dropped: never sent, and not in "what was sent to me".
      const shown = new Set(visible.map((i) => i.id));
      await tx.query('DELETE FROM notification WHERE id = ANY($1::uuid[])', [
        items.filter((i) => !shown.has(i.id)).map((i) => i.id),
      ]);
      if (visible.length > 0) {
        await tx.query(
          `UPDATE notification SET sent_at = now(),
                  digest_id = (SELECT d.id FROM notification d WHERE d.recipient = $1 AND d.subject = $2 AND d.channel = 'EMAIL')
            WHERE id = ANY($3::uuid[])`,
          [person.personId, `digest:${job.date}`, visible.map((i) => i.id)],
        );
      }
    });
    this.queue.wake();
  }

  private async compose(tx: EntityManager, row: NotificationRow): Promise<OutgoingMail> {
    const base = this.options.publicUrl;
    const links: Record<string, string> = {};
    const headers: Record<string, string> = {};
    const data: Record<string, unknown> = { ...row.data, to: row.email, links };
    if (row.person_id && !FIXED_CATEGORIES.has(row.category)) {
      const token = unsubscribeToken(this.options.secret, { personId: row.person_id, category: row.category });
      links.unsubscribe = `${base}/notifications/unsubscribe?token=${token}`;
      links.preferences = `${base}/dashboard/preferences`; // the dashboard's page (sign-in needed)
      data.categoryLabel = CATEGORY_LABEL[row.category] ?? row.category;
      // RFC 8058: one POST to this URL turns the category off, no sign-in, no confirmation page.
      headers['List-Unsubscribe'] = `<${links.unsubscribe}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    // The dashboard's pages for these links (apps/dashboard). The token rides in the fragment,
    // which browsers never send: it reaches no server log, proxy or Referer, only the page.
    const secretLink = (purpose: LinkPurpose, id: unknown, path: string): string =>
      `${base}/dashboard${path}#token=${linkToken(this.options.secret, purpose, String(id))}`;
    let icalEvent: OutgoingMail['icalEvent'];
    switch (row.template) {
      case TemplateName.ORGANISATION_INVITATION:
        links.accept = secretLink(LinkPurpose.INVITATION, row.data.invitationId, '/accept-invitation');
        break;
      case TemplateName.PASSWORD_RESET:
        links.reset = secretLink(LinkPurpose.PASSWORD_RESET, row.data.tokenId, '/reset-password');
        break;
      case TemplateName.EMAIL_CHANGE:
        links.confirm = secretLink(LinkPurpose.EMAIL_CHANGE, row.data.tokenId, '/confirm-email');
        break;
      case TemplateName.EVENT_REMINDER:
      case TemplateName.EVENT_CHANGED:
      case TemplateName.EVENT_CANCELLED:
      case TemplateName.WAITLIST_PROMOTED:
      case TemplateName.POLL_CONFIRMED:
        icalEvent = await this.eventDetails(tx, row, data, links);
        break;
      case TemplateName.POLL_OPENED:
      case TemplateName.POLL_DEADLINE:
        links.poll = `${base}/dashboard/polls/${encodeURIComponent(String(row.data.pollId))}`;
        break;
      case TemplateName.DRAFT_REPLY:
      case TemplateName.SUGGESTION_DECIDED:
        links.position = `${base}/dashboard/positions/${encodeURIComponent(String(row.data.positionId))}`;
        break;
      case TemplateName.COMMITMENT_DUE:
        links.commitment = `${base}/dashboard/engagements/${encodeURIComponent(String(row.data.engagementId))}`;
        break;
      case TemplateName.NETWORK_MEMBERSHIP:
        links.network = `${base}/dashboard/activity/networks/${encodeURIComponent(String(row.data.networkId))}`;
        break;
      case TemplateName.POSITION_SIGN_ON:
        links.position = `${base}/dashboard/positions/${encodeURIComponent(String(row.data.positionId))}`;
        break;
      case TemplateName.WEBHOOK_DISABLED:
      case TemplateName.ACTIVITY:
      case TemplateName.DIGEST:
        break; // everything they show was stored with them
    }
    const rendered = render(row.template, data);
    return { to: row.email, messageId: row.message_id, headers, icalEvent, ...rendered };
  }

  /** Fills the event's title, time and place, and its calendar entry (same UID and SEQUENCE as the feeds). */
  private async eventDetails(
    tx: EntityManager,
    row: NotificationRow,
    data: Record<string, unknown>,
    links: Record<string, string>,
  ): Promise<OutgoingMail['icalEvent']> {
    const event = await tx.findOneBy(EventEntity, { id: String(row.data.eventId) });
    if (!event) {
      return undefined;
    }
    const changes = await tx.findBy(EventOccurrenceChangeEntity, { eventId: event.id });
    const starts = typeof row.data.occurrence === 'string' ? new Date(row.data.occurrence) : event.startsAt;
    data.title = event.title;
    data.when = DateTime.fromJSDate(starts, { zone: event.timeZone }).toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ");
    data.location = [event.venue, event.address].filter(Boolean).join(', ') || event.onlineUrl || null;
    data.answer = 'GOING or MAYBE';
    // For a series, the page opens on the occurrence the message is about (not a secret: a query is fine).
    const occurrence = event.recurrenceRule && typeof row.data.occurrence === 'string' ? row.data.occurrence : null;
    links.event = `${this.options.publicUrl}/dashboard/events/${event.id}${
      occurrence ? `?occurrence=${encodeURIComponent(occurrence)}` : ''
    }`;
    const method = row.data.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
    return {
      method,
      filename: 'invite.ics',
      content: icalendarOf(event.title, [event], changes, new Map(), method),
    };
  }
}
