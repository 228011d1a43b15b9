import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { asBackgroundWork } from '@app/common';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ActivityEventEntity,
  ActivityFeedService,
  ActivityVerb,
  type ActivityPosition,
  isVisibleTo,
  type ViewerRights,
} from '@app/activity';
import { PositionService } from '@app/drafting';
import { EventService, PollService } from '@app/events';
import { AffiliationRole, PersonDirectory } from '@app/identity';
import { NetworkService } from '@app/networks';
import { OrganisationService } from '@app/organisations';
import { mailDomainOf, messageIdOf } from '../mail/message-id';
import { TemplateName } from '../mail/templates';
import {
  DEFAULT_FREQUENCY,
  NotificationCategory,
  NotificationChannel,
  NotificationFrequency,
} from '../notification.enums';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options';
import { NotificationQueue } from '../sending/notification-queue';
import { type Addressee, Audiences } from './audiences';
import { messagesFor } from './plan-rules';

/** The outbox consumer's name in notification_cursor. */
export const EMAIL_CONSUMER = 'email';
const BATCH = 100;
export const DIGEST_ZONE = 'Europe/London';

/** Who may see something: an activity item's visibility, or that of the item a notice is about. */
export type SeenAs = Pick<ActivityEventEntity, 'visibility' | 'organisationId' | 'networkId'>;

/** A message to plan: who, about what, with what. */
export interface NewNotification {
  readonly recipient: string;
  readonly personId: string | null;
  readonly email: string;
  readonly category: NotificationCategory;
  readonly subject: string;
  readonly template: TemplateName;
  readonly data: Record<string, unknown>;
  readonly activitySequence: string | null;
  readonly digest: boolean;
}

/**
 * Reads settled activity like any feed consumer and plans who is told what: one batch at a
 * time under a lock on its cursor row, the cursor moved in the same transaction as the rows and
 * jobs it planned, so every item is planned once, only after its change committed, and a crash
 * mid-batch plans the whole batch again from the same place (nothing lost, nothing doubled:
 * the rows are unique per recipient, subject and channel).
 */
@Injectable()
export class NotificationPlanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Notifications');
  private readonly domain: string;
  private readonly audiences: Audiences;
  private timer: NodeJS.Timeout | null = null;
  private pumping: Promise<void> | null = null;
  private again = false;
  private failed = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
    private readonly feed: ActivityFeedService,
    private readonly queue: NotificationQueue,
    private readonly people: PersonDirectory,
    private readonly organisations: OrganisationService,
    networks: NetworkService,
    events: EventService,
    polls: PollService,
    positions: PositionService,
  ) {
    this.domain = mailDomainOf(options.publicUrl);
    this.audiences = new Audiences(people, networks, events, polls, positions);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.startCursor();
    this.timer = setInterval(() => this.wake(), this.options.planIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
    }
    await this.pumping;
  }

  /**
   * A new database starts from its newest settled item: the history before (seeded demo data)
   * is not mailed to anyone. Done before the app listens, so no change can slip in between.
   */
  private async startCursor(): Promise<void> {
    const head = await this.feed.head();
    await this.dataSource.query(
      `INSERT INTO notification_cursor (consumer, tx_id, sequence) VALUES ($1, $2, $3) ON CONFLICT (consumer) DO NOTHING`,
      [EMAIL_CONSUMER, head?.txId ?? null, head?.sequence ?? null],
    );
  }

  /** Plans what has settled since the last batch; concurrent calls coalesce. */
  wake(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = asBackgroundWork(() => this.pump())
      .then(
        () => {
          this.failed = false;
        },
        (error: unknown) => {
          if (!this.failed) {
            this.log.warn({ err: error }, 'Planning notifications failed; retrying on the next tick');
          }
          this.failed = true;
        },
      )
      .finally(() => {
        this.pumping = null;
      });
  }

  /** Plans batches until none is left; resolves when done (tests and scripts wait on it). */
  async drain(): Promise<void> {
    while ((await this.planBatch()) === BATCH) {
      // next batch
    }
  }

  /**
   * Notices no activity item carries (a poll's deadline, a commitment falling due): each person
   * who may see what it is about, per their preference for the category, once per subject (the
   * unique key: planning the same notice again, on any instance, adds nothing). Returns how many
   * were new.
   */
  async planNotices(
    to: readonly Addressee[],
    category: NotificationCategory,
    seenAs: SeenAs,
    notice: { subject: string; template: TemplateName; data: Record<string, unknown> },
  ): Promise<number> {
    const seen = new Set<string>();
    const people = to.filter((a) => !seen.has(a.personId) && seen.add(a.personId));
    const frequencies = await this.frequencies(
      this.dataSource.manager,
      people.map((a) => a.personId),
      category,
    );
    const rights = new Map<string, Promise<ViewerRights>>();
    const decided: NewNotification[] = [];
    for (const addressee of people) {
      const frequency = frequencies.get(addressee.personId) ?? DEFAULT_FREQUENCY[category];
      if (frequency === NotificationFrequency.OFF || !(await this.maySee(addressee, seenAs, rights))) {
        continue;
      }
      decided.push({
        recipient: addressee.personId,
        personId: addressee.personId,
        email: addressee.email,
        category,
        subject: notice.subject,
        template: notice.template,
        data: {
          ...notice.data,
          occurredAt: new Date().toISOString(),
          visibility: {
            visibility: seenAs.visibility,
            organisationId: seenAs.organisationId,
            networkId: seenAs.networkId,
          },
        },
        activitySequence: null,
        digest: frequency === NotificationFrequency.DAILY,
      });
    }
    if (decided.length === 0) {
      return 0;
    }
    let planned = 0;
    await this.dataSource.transaction(async (tx) => {
      const digests = new Set<string>();
      for (const notification of decided) {
        if (await this.insert(tx, notification)) {
          planned += 1;
          if (notification.digest && notification.personId && !digests.has(notification.personId)) {
            digests.add(notification.personId);
            await this.planDigest(tx, notification.personId);
          }
        }
      }
    });
    if (planned > 0) {
      this.queue.wake();
    }
    return planned;
  }

  /** Those of these subjects already planned for someone (a notice planned once is not reconsidered). */
  async plannedSubjects(subjects: readonly string[]): Promise<Set<string>> {
    if (subjects.length === 0) {
      return new Set();
    }
    const rows = await this.dataSource.query<{ subject: string }[]>(
      `SELECT DISTINCT subject FROM notification WHERE subject = ANY($1::text[])`,
      [subjects],
    );
    return new Set(rows.map((r) => r.subject));
  }

  /** The audiences, for the notices planned apart from activity. */
  get audiencesOf(): Audiences {
    return this.audiences;
  }

  private async pump(): Promise<void> {
    let read: number;
    do {
      this.again = false;
      read = await this.planBatch();
    } while (this.again || read === BATCH);
  }

  /**
   * One batch: decided without a transaction (reads only), then written in one short transaction
   * that first checks no other instance moved the cursor meanwhile. A long transaction here
   * would hold back every feed's settled point (see the activity notes), so none is held while
   * audiences and rights are read.
   */
  private async planBatch(): Promise<number> {
    const [peek] = await this.dataSource.query<{ tx_id: string | null; sequence: string | null }[]>(
      'SELECT tx_id::text, sequence::text FROM notification_cursor WHERE consumer = $1',
      [EMAIL_CONSUMER],
    );
    const seen: ActivityPosition | null =
      peek?.tx_id && peek.sequence ? { txId: BigInt(peek.tx_id), sequence: BigInt(peek.sequence) } : null;
    const items = await this.feed.settledAfter(seen, BATCH);
    const last = items.at(-1);
    if (!last) {
      return 0;
    }
    const rights = new Map<string, Promise<ViewerRights>>();
    const decided: NewNotification[] = [];
    for (const item of items) {
      decided.push(...(await this.decide(this.dataSource.manager, item, rights)));
    }
    let planned = 0;
    const moved = await this.dataSource.transaction(async (tx) => {
      // Claims the batch by moving the cursor only from where this batch was read: a concurrent
      // planner waits on the row, then re-checks the position and finds it moved (or, if this
      // transaction rolled back, unmoved, and plans the batch itself).
      const claimed = await tx.query<{ consumer: string }[]>(
        `UPDATE notification_cursor SET tx_id = $4, sequence = $5
          WHERE consumer = $1 AND tx_id::text IS NOT DISTINCT FROM $2::text AND sequence::text IS NOT DISTINCT FROM $3::text
          RETURNING consumer`,
        [EMAIL_CONSUMER, peek?.tx_id ?? null, peek?.sequence ?? null, last.txId, last.sequence],
      );
      if (claimed.length === 0) {
        return false; // another instance has planned this batch
      }
      const digests = new Set<string>();
      for (const notification of decided) {
        if (await this.insert(tx, notification)) {
          planned += 1;
          if (notification.digest && notification.personId && !digests.has(notification.personId)) {
            digests.add(notification.personId);
            await this.planDigest(tx, notification.personId);
          }
        }
      }
      return true;
    });
    if (planned > 0) {
      this.queue.wake(); // this instance's workers send at once, without waiting for their poll
    }
    return moved ? items.length : 0;
  }

  /** Who is told of one item, and how: the rows to write (nothing is written here). */
  private async decide(
    db: EntityManager,
    item: ActivityEventEntity,
    rights: Map<string, Promise<ViewerRights>>,
  ): Promise<NewNotification[]> {
    const subject = `activity:${item.sequence}`;
    if (item.verb === ActivityVerb.PERSON_INVITED) {
      return this.invitation(item, subject);
    }
    const decided: NewNotification[] = [];
    for (const message of await messagesFor(item, this.audiences)) {
      const seen = new Set<string>();
      const to = message.to.filter((a) => !seen.has(a.personId) && seen.add(a.personId));
      const frequencies = await this.frequencies(
        db,
        to.map((a) => a.personId),
        message.category,
      );
      for (const addressee of to) {
        if (addressee.personId === item.actorPersonId && message.category !== NotificationCategory.EVENT_REMINDER) {
          continue; // nobody is told what they did themselves
        }
        const frequency = frequencies.get(addressee.personId) ?? DEFAULT_FREQUENCY[message.category];
        if (frequency === NotificationFrequency.OFF || !(await this.maySee(addressee, item, rights))) {
          continue;
        }
        decided.push({
          recipient: addressee.personId,
          personId: addressee.personId,
          email: addressee.email,
          category: message.category,
          subject,
          template: message.template,
          data: {
            ...message.data,
            occurredAt: item.occurredAt.toISOString(),
            // What the digest re-checks against the reader's rights when it is sent.
            visibility: { visibility: item.visibility, organisationId: item.organisationId, networkId: item.networkId },
          },
          activitySequence: item.sequence,
          digest: frequency === NotificationFrequency.DAILY,
        });
      }
    }
    return decided;
  }

  /** The invited address is told (it may have no account yet): the item itself names it. */
  private async invitation(item: ActivityEventEntity, subject: string): Promise<NewNotification[]> {
    const invitationId = item.payload.invitationId;
    const invitation = typeof invitationId === 'string' ? await this.people.openInvitation(invitationId) : null;
    const [organisation] = invitation ? await this.organisations.findByIds([invitation.organisationId]) : [];
    if (!invitation || !organisation) {
      return [];
    }
    return [
      {
        recipient: invitation.email,
        personId: invitation.personId,
        email: invitation.email,
        category: NotificationCategory.ORGANISATION_INVITATION,
        subject,
        template: TemplateName.ORGANISATION_INVITATION,
        data: {
          invitationId: item.payload.invitationId,
          organisationName: organisation.name,
          inviterName: invitation.inviterName ?? 'An admin',
          roleLabel: invitation.role === AffiliationRole.ORG_ADMIN ? 'an admin' : 'staff',
          expiresOn: DateTime.fromJSDate(invitation.expiresAt, { zone: DIGEST_ZONE }).toFormat('d LLLL yyyy, HH:mm'),
        },
        activitySequence: item.sequence,
        digest: false,
      },
    ];
  }

  /**
   * Inserts one notification (once: the unique key) and, for an immediate one, its send job,
   * both in the caller's transaction. True when it was new.
   */
  async insert(tx: EntityManager, n: NewNotification): Promise<boolean> {
    const messageId = messageIdOf(n.recipient, n.subject, NotificationChannel.EMAIL, this.domain);
    // No conflict target: the Message-ID (made of recipient, subject and channel) is unique too, and an
    // insert racing another for the same row can meet it there first, which a named target turns into an error.
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO notification (recipient, person_id, email, category, channel, subject, template, data,
                                 activity_sequence, message_id, digest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        n.recipient,
        n.personId,
        n.email,
        n.category,
        NotificationChannel.EMAIL,
        n.subject,
        n.template,
        n.data,
        n.activitySequence,
        messageId,
        n.digest,
      ],
    );
    const id = rows[0]?.id;
    if (id && !n.digest) {
      await this.queue.plan(tx, { notificationId: id });
    }
    return id !== undefined;
  }

  /** The person's digest for the day it falls on: one job per person and day. */
  private async planDigest(tx: EntityManager, personId: string): Promise<void> {
    const [setting] = await tx.query<{ digest_hour: number }[]>(
      'SELECT digest_hour FROM notification_setting WHERE person_id = $1',
      [personId],
    );
    const hour = setting?.digest_hour ?? 7;
    const now = DateTime.now().setZone(DIGEST_ZONE);
    let due = now.set({ hour, minute: 0, second: 0, millisecond: 0 });
    if (due <= now) {
      due = due.plus({ days: 1 });
    }
    await this.queue.planDigest(tx, { personId, date: due.toISODate() ?? '' }, due.toJSDate());
  }

  private async frequencies(
    tx: EntityManager,
    personIds: string[],
    category: NotificationCategory,
  ): Promise<Map<string, NotificationFrequency>> {
    if (personIds.length === 0) {
      return new Map();
    }
    const rows = await tx.query<{ person_id: string; frequency: NotificationFrequency }[]>(
      `SELECT person_id, frequency FROM notification_preference WHERE person_id = ANY($1::uuid[]) AND category = $2`,
      [personIds, category],
    );
    return new Map(rows.map((r) => [r.person_id, r.frequency]));
  }

  /** Only people who may see the item are told of it (the feeds' own rule). */
  private async maySee(
    addressee: Addressee,
    item: SeenAs,
    rights: Map<string, Promise<ViewerRights>>,
  ): Promise<boolean> {
    let theirs = rights.get(addressee.personId);
    if (!theirs) {
      theirs = this.feed.rightsOf({
        kind: 'PERSON',
        personId: addressee.personId,
        platformAdmin: addressee.platformAdmin,
        affiliations: addressee.organisationIds.map((organisationId) => ({ organisationId })),
      });
      rights.set(addressee.personId, theirs);
    }
    return isVisibleTo(item as ActivityEventEntity, await theirs);
  }

  /** For the digest: whether a person may still see an item planned for them. */
  async stillSees(
    person: { personId: string; platformAdmin: boolean; organisationIds: string[] },
    visibility: Pick<ActivityEventEntity, 'visibility' | 'organisationId' | 'networkId'>,
  ): Promise<boolean> {
    const theirs = await this.feed.rightsOf({
      kind: 'PERSON',
      personId: person.personId,
      platformAdmin: person.platformAdmin,
      affiliations: person.organisationIds.map((organisationId) => ({ organisationId })),
    });
    return isVisibleTo(visibility as ActivityEventEntity, theirs);
  }
}
