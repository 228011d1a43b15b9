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
  Unique,
} from 'typeorm';
import { JointPositionEntity } from '@app/drafting';
import { EventEntity } from '@app/events';
import { LocalNetworkEntity } from '@app/networks';
import { OrganisationEntity } from '@app/organisations';
import { CommitmentStatus, EngagementKind } from './influencing.enums';
import { OfficeHolderEntity } from './office.entities';

/**
 * A network's engagement with its commissioner's office. It is recorded against the area's office
 * (through the network), not a person, so the record outlives a change of office-holder.
 */
@Entity('engagement')
@Check('engagement_summary_not_blank', `length(btrim("summary")) > 0`)
@Index('engagement_network_idx', ['networkId', 'occurredOn'])
export class EngagementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  networkId!: string;

  @ManyToOne(() => LocalNetworkEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: LocalNetworkEntity;

  @Column({ type: 'enum', enum: EngagementKind, enumName: 'engagement_kind' })
  kind!: EngagementKind;

  @Column('date')
  occurredOn!: string;

  @Column('text')
  summary!: string;

  /** Who took part for the office, in words (e.g. "the Commissioner and the head of commissioning"). */
  @Column({ type: 'text', nullable: true })
  officeParticipants!: string | null;

  @Column({ type: 'uuid', nullable: true })
  officeHolderId!: string | null;

  @ManyToOne(() => OfficeHolderEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'office_holder_id' })
  officeHolder?: OfficeHolderEntity;

  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @ManyToOne(() => EventEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  /** Whether anyone may read it; otherwise the network's members (it still counts in national figures). */
  @Column({ type: 'boolean', default: true })
  public!: boolean;

  @Column({ type: 'uuid', nullable: true })
  recordedByPersonId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A member organisation that took part. */
@Entity('engagement_participant')
export class EngagementParticipantEntity {
  @PrimaryColumn('uuid')
  engagementId!: string;

  @ManyToOne(() => EngagementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engagement_id' })
  engagement?: EngagementEntity;

  @PrimaryColumn('uuid')
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;
}

/** What the network asked for, in order. */
@Entity('engagement_ask')
@Unique('engagement_ask_ordinal_uq', ['engagementId', 'ordinal'])
@Check('engagement_ask_text_not_blank', `length(btrim("text")) > 0`)
export class EngagementAskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  engagementId!: string;

  @ManyToOne(() => EngagementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engagement_id' })
  engagement?: EngagementEntity;

  @Column('int')
  ordinal!: number;

  @Column('text')
  text!: string;
}

/** A joint position the engagement presented or discussed. */
@Entity('engagement_position')
export class EngagementPositionEntity {
  @PrimaryColumn('uuid')
  engagementId!: string;

  @ManyToOne(() => EngagementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engagement_id' })
  engagement?: EngagementEntity;

  @PrimaryColumn('uuid')
  positionId!: string;

  @ManyToOne(() => JointPositionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'position_id' })
  position?: JointPositionEntity;
}

/** Something the office promised; its status changes are kept in `commitment_status_change`. */
@Entity('commitment')
@Check('commitment_text_not_blank', `length(btrim("text")) > 0`)
@Check('commitment_owner_not_blank', `length(btrim("owner")) > 0`)
@Index('commitment_engagement_idx', ['engagementId'])
@Index('commitment_open_due_idx', ['dueOn'], { where: `"status" = 'OPEN'` })
export class CommitmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  engagementId!: string;

  @ManyToOne(() => EngagementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engagement_id' })
  engagement?: EngagementEntity;

  /** The ask it answers, if any. */
  @Column({ type: 'uuid', nullable: true })
  askId!: string | null;

  @ManyToOne(() => EngagementAskEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ask_id' })
  ask?: EngagementAskEntity;

  @Column('text')
  text!: string;

  /** Who in the office owns it (a role or name). */
  @Column('text')
  owner!: string;

  @Column('date')
  dueOn!: string;

  @Column({ type: 'enum', enum: CommitmentStatus, enumName: 'commitment_status', default: CommitmentStatus.OPEN })
  status!: CommitmentStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('commitment_status_change')
@Index('commitment_status_change_commitment_idx', ['commitmentId', 'changedAt'])
export class CommitmentStatusChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  commitmentId!: string;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: CommitmentEntity;

  /** Null for the first status (OPEN, when made). */
  @Column({ type: 'enum', enum: CommitmentStatus, enumName: 'commitment_status', nullable: true })
  fromStatus!: CommitmentStatus | null;

  @Column({ type: 'enum', enum: CommitmentStatus, enumName: 'commitment_status' })
  toStatus!: CommitmentStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  changedByPersonId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;
}
