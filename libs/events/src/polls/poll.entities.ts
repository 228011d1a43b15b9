import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from '@app/identity';
import { LocalNetworkEntity } from '@app/networks';
import { OrganisationEntity } from '@app/organisations';
import { EventEntity } from '../event.entities';
import { EventKind } from '../event.enums';
import { PollAnswer, PollStatus } from './poll.enums';

/** "Find a time": candidate slots a network's members answer, until a convenor confirms one. */
@Entity('scheduling_poll')
@Check('scheduling_poll_title_not_blank', `length(btrim("title")) > 0`)
@Check('scheduling_poll_confirmed_has_event', `("status" = 'CONFIRMED') = ("event_id" IS NOT NULL)`)
@Index('scheduling_poll_network_idx', ['networkId', 'createdAt'])
export class SchedulingPollEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  networkId!: string;

  @ManyToOne(() => LocalNetworkEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: LocalNetworkEntity;

  @Column('text')
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'enum', enum: EventKind, enumName: 'event_kind' })
  kind!: EventKind;

  @Column({ type: 'text', default: 'Europe/London' })
  timeZone!: string;

  /** After this, answers are refused (null: open until confirmed or closed). */
  @Column({ type: 'timestamptz', nullable: true })
  deadline!: Date | null;

  @Column({ type: 'enum', enum: PollStatus, enumName: 'poll_status', default: PollStatus.OPEN })
  status!: PollStatus;

  @Column({ type: 'uuid', nullable: true })
  confirmedSlotId!: string | null;

  /** The event made from the confirmed slot. */
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('scheduling_poll_slot')
@Check('scheduling_poll_slot_ends_after_start', `"ends_at" > "starts_at"`)
@Index('scheduling_poll_slot_poll_idx', ['pollId', 'startsAt'])
export class PollSlotEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  pollId!: string;

  @ManyToOne(() => SchedulingPollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id' })
  poll?: SchedulingPollEntity;

  @Column('timestamptz')
  startsAt!: Date;

  @Column('timestamptz')
  endsAt!: Date;
}

/**
 * A member organisation's answer to one slot, given by one of its people: one per organisation,
 * and anyone of it answering again replaces it (the latest wins, with who gave it).
 */
@Entity('scheduling_poll_answer')
@Index('scheduling_poll_answer_organisation_uq', ['slotId', 'organisationId'], { unique: true })
export class PollAnswerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  slotId!: string;

  @ManyToOne(() => PollSlotEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id' })
  slot?: PollSlotEntity;

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

  @Column({ type: 'enum', enum: PollAnswer, enumName: 'poll_answer' })
  answer!: PollAnswer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  answeredAt!: Date;
}
