import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { PoliceForceAreaEntity } from '@app/geography';
import { PersonEntity } from '@app/identity';
import { LocalNetworkEntity } from '@app/networks';
import { OrganisationEntity } from '@app/organisations';
import { EventKind, EventStatus, EventVisibility, RsvpAnswer, RsvpPlace } from './event.enums';

/**
 * A meeting, hustings, engagement session, consultation or training, organised by a network
 * or by one organisation. Times are instants; `timeZone` says how people read them (and how a
 * recurrence rule runs: on wall-clock time). `sequence` is RFC 5545's: bumped on every change.
 */
@Entity('event')
@Check('event_one_organiser', `("network_id" IS NULL) <> ("organiser_organisation_id" IS NULL)`)
@Check('event_ends_after_start', `"ends_at" > "starts_at"`)
@Check('event_capacity_not_negative', `"capacity" IS NULL OR "capacity" >= 0`)
@Check('event_title_not_blank', `length(btrim("title")) > 0`)
@Check('event_network_visibility_needs_network', `"visibility" = 'PUBLIC' OR "network_id" IS NOT NULL`)
@Index('event_network_idx', ['networkId', 'startsAt'])
@Index('event_police_force_area_idx', ['policeForceAreaId', 'startsAt'])
@Index('event_organiser_idx', ['organiserOrganisationId', 'startsAt'])
@Index('event_starts_at_idx', ['startsAt', 'id'])
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  networkId!: string | null;

  @ManyToOne(() => LocalNetworkEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: LocalNetworkEntity;

  @Column({ type: 'uuid', nullable: true })
  organiserOrganisationId!: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organiser_organisation_id' })
  organiserOrganisation?: OrganisationEntity;

  /** The network's area, or the area an organisation's event is for; null for a national event. */
  @Column({ type: 'uuid', nullable: true })
  policeForceAreaId!: string | null;

  @ManyToOne(() => PoliceForceAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'police_force_area_id' })
  policeForceArea?: PoliceForceAreaEntity;

  @Column({ type: 'enum', enum: EventKind, enumName: 'event_kind' })
  kind!: EventKind;

  @Column('text')
  title!: string;

  /** Markdown. */
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', default: 'Europe/London' })
  timeZone!: string;

  /** Whole days: `startsAt`/`endsAt` are local midnights (end exclusive). */
  @Column({ type: 'boolean', default: false })
  allDay!: boolean;

  /** The first (or only) occurrence. */
  @Column('timestamptz')
  startsAt!: Date;

  @Column('timestamptz')
  endsAt!: Date;

  /** RFC 5545 RRULE value (e.g. `FREQ=MONTHLY;BYDAY=1TU`), run on wall-clock time from `startsAt`. */
  @Column({ type: 'text', nullable: true })
  recurrenceRule!: string | null;

  @Column({ type: 'text', nullable: true })
  venue!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'text', nullable: true })
  onlineUrl!: string | null;

  /** Places for GOING answers (per occurrence); null for no limit. */
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  @Column({ type: 'enum', enum: EventVisibility, enumName: 'event_visibility' })
  visibility!: EventVisibility;

  @Column({ type: 'enum', enum: EventStatus, enumName: 'event_status', default: EventStatus.SCHEDULED })
  status!: EventStatus;

  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'integer', default: 0 })
  sequence!: number;

  /** Markdown, after the event. */
  @Column({ type: 'text', nullable: true })
  minutes!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  minutesRecordedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** One occurrence of a recurring event moved or cancelled (RFC 5545 RECURRENCE-ID / EXDATE). */
@Entity('event_occurrence_change')
@Index('event_occurrence_change_uq', ['eventId', 'originalStart'], { unique: true })
@Check(
  'event_occurrence_change_moved_or_cancelled',
  `"cancelled" OR ("starts_at" IS NOT NULL AND "ends_at" IS NOT NULL AND "ends_at" > "starts_at")`,
)
export class EventOccurrenceChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('uuid')
  eventId!: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  /** The start the rule gives this occurrence (its RECURRENCE-ID). */
  @Column('timestamptz')
  originalStart!: Date;

  @Column('boolean')
  cancelled!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  changedByPersonId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;
}

@Entity('event_agenda_item')
@Index('event_agenda_item_position_uq', ['eventId', 'position'], { unique: true })
@Check('event_agenda_item_title_not_blank', `length(btrim("title")) > 0`)
export class EventAgendaItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  eventId!: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column('integer')
  position!: number;

  @Column('text')
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** A draft joint position discussed under this item (the drafting context will own the link). */
  @Column({ type: 'uuid', nullable: true })
  jointPositionId!: string | null;
}

/**
 * A person's answer for their organisation, for an event or (recurring) one occurrence. Places
 * are given under a lock on the event row; the waitlist is served in `placeSince` order.
 */
@Entity('event_rsvp')
@Index('event_rsvp_single_uq', ['eventId', 'personId'], { unique: true, where: `"occurrence_start" IS NULL` })
@Index('event_rsvp_occurrence_uq', ['eventId', 'occurrenceStart', 'personId'], {
  unique: true,
  where: `"occurrence_start" IS NOT NULL`,
})
@Index('event_rsvp_place_idx', ['eventId', 'occurrenceStart', 'place', 'placeSince'])
@Index('event_rsvp_person_idx', ['personId'])
@Check('event_rsvp_place_only_when_going', `("answer" = 'GOING') = ("place" <> 'NONE')`)
export class EventRsvpEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  eventId!: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  /** The occurrence's original start, for a recurring event; null for a single one. */
  @Column({ type: 'timestamptz', nullable: true })
  occurrenceStart!: Date | null;

  @Column('uuid')
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column('uuid')
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'enum', enum: RsvpAnswer, enumName: 'rsvp_answer' })
  answer!: RsvpAnswer;

  @Column({ type: 'enum', enum: RsvpPlace, enumName: 'rsvp_place' })
  place!: RsvpPlace;

  /** When it took its place or joined the waitlist (the waitlist's order). */
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  placeSince!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  answeredAt!: Date;
}

/**
 * The notifications outbox for reminders: one row per person and occurrence; the unique key
 * makes a reminder job idempotent when several instances run it.
 */
@Entity('event_reminder')
@Index('event_reminder_uq', ['eventId', 'occurrenceStart', 'personId'], { unique: true })
export class EventReminderEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('uuid')
  eventId!: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  /** The occurrence's start as it was when the reminder was made. */
  @Column('timestamptz')
  occurrenceStart!: Date;

  @Column('uuid')
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column('uuid')
  organisationId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Set by whatever sends it (mail is out of scope here). */
  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}

/** A person's private calendar feed: only a hash of its secret is kept. */
@Entity('calendar_feed')
@Index('calendar_feed_token_hash_key', ['tokenHash'], { unique: true })
@Index('calendar_feed_person_idx', ['personId'])
export class CalendarFeedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column('text')
  tokenHash!: string;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
