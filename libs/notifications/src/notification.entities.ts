import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { PersonEntity } from '@app/identity';
import { NotificationCategory, NotificationChannel, NotificationFrequency } from './notification.enums';

/**
 * One message to one recipient about one subject on one channel: planned once (the unique key
 * makes planning idempotent), sent at least once (sentAt marks it), and the list of "what was
 * sent to me". Items planned for the daily digest are rows too, carried by the digest's row.
 */
@Entity('notification')
@Index('notification_recipient_subject_channel_key', ['recipient', 'subject', 'channel'], { unique: true })
@Index('notification_message_id_key', ['messageId'], { unique: true })
@Index('notification_subject_idx', ['subject'])
@Index('notification_person_created_idx', ['personId', 'createdAt'])
@Index('notification_digest_pending_idx', ['personId'], { where: `digest AND digest_id IS NULL` })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The person's id, or the address for someone without an account (an invitation). */
  @Column('text')
  recipient!: string;

  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  /** The address at planning time. */
  @Column('text')
  email!: string;

  @Column({ type: 'enum', enum: NotificationCategory, enumName: 'notification_category' })
  category!: NotificationCategory;

  @Column({ type: 'enum', enum: NotificationChannel, enumName: 'notification_channel' })
  channel!: NotificationChannel;

  /** What it is about: `activity:<sequence>`, `password-reset:<token id>`, `digest:<date>`. */
  @Column('text')
  subject!: string;

  /** The template it is rendered with. */
  @Column('text')
  template!: string;

  /** What the template needs (names, times, ids): never secrets. */
  @Column('jsonb')
  data!: Record<string, unknown>;

  /** The activity item it tells of, if any. */
  @Column({ type: 'bigint', nullable: true })
  activitySequence!: string | null;

  @Column('text')
  messageId!: string;

  /** Planned for the daily digest rather than sent on its own. */
  @Column({ type: 'boolean', default: false })
  digest!: boolean;

  /** The digest notification that carried it. */
  @Column({ type: 'uuid', nullable: true })
  digestId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** Held by a sender until then (a lease, so no transaction stays open while SMTP answers). */
  @Column({ type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** The last delivery failure (a short reason; never the message). */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}

/** A person's choice for a category; no row means the category's default. */
@Entity('notification_preference')
export class NotificationPreferenceEntity {
  @PrimaryColumn('uuid')
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @PrimaryColumn({ type: 'enum', enum: NotificationCategory, enumName: 'notification_category' })
  category!: NotificationCategory;

  @Column({ type: 'enum', enum: NotificationFrequency, enumName: 'notification_frequency' })
  frequency!: NotificationFrequency;
}

/** A person's digest hour (Europe/London); no row means the default. */
@Entity('notification_setting')
@Check('notification_setting_digest_hour_range', `"digest_hour" BETWEEN 0 AND 23`)
export class NotificationSettingEntity {
  @PrimaryColumn('uuid')
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ type: 'smallint', default: 7 })
  digestHour!: number;
}

/**
 * How far a consumer of the activity outbox has read: one row per consumer, locked while a
 * batch is planned, moved in the batch's transaction (so a batch is planned exactly once).
 */
@Entity('notification_cursor')
export class NotificationCursorEntity {
  @PrimaryColumn('text')
  consumer!: string;

  @Column({ type: 'bigint', nullable: true })
  txId!: string | null;

  @Column({ type: 'bigint', nullable: true })
  sequence!: string | null;
}

export const notificationsEntities = [
  NotificationEntity,
  NotificationPreferenceEntity,
  NotificationSettingEntity,
  NotificationCursorEntity,
];
