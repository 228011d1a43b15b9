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
import { PersonEntity } from '@app/identity';
import { LocalNetworkEntity } from '@app/networks';
import { OrganisationEntity } from '@app/organisations';
import { PositionStatus, RevisionKind, SuggestionStatus } from './drafting.enums';

/**
 * A joint position or briefing a network drafts for its commissioner. `revision` counts every
 * accepted change to its text, without gaps; each has a `position_revision` row.
 */
@Entity('joint_position')
@Check('joint_position_title_not_blank', `length(btrim("title")) > 0`)
@Check('joint_position_revision_not_negative', `"revision" >= 0`)
@Index('joint_position_network_idx', ['networkId', 'createdAt'])
export class JointPositionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  networkId!: string;

  @ManyToOne(() => LocalNetworkEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: LocalNetworkEntity;

  @Column('text')
  title!: string;

  /** Who it is for: the commissioner or office of the network's area, or another body. */
  @Column('text')
  audience!: string;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  @Column({ type: 'enum', enum: PositionStatus, enumName: 'position_status', default: PositionStatus.DRAFTING })
  status!: PositionStatus;

  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  /** Once SUBMITTED, whether anyone may read it (members only until then). */
  @Column({ type: 'boolean', default: true })
  publicWhenSubmitted!: boolean;

  @Column({ type: 'int', default: 0 })
  revision!: number;

  /** The revision that was agreed (and signed), while AGREED or later. */
  @Column({ type: 'int', nullable: true })
  agreedRevision!: number | null;

  @Column({ type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A section as it is now; its history is in `position_revision`. Removed sections are kept. */
@Entity('position_section')
@Index('position_section_position_idx', ['positionId', 'ordinal'])
export class PositionSectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  positionId!: string;

  @ManyToOne(() => JointPositionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'position_id' })
  position?: JointPositionEntity;

  /** Order among the live sections, from 1. */
  @Column('int')
  ordinal!: number;

  @Column('text')
  heading!: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  body!: string;

  @Column({ type: 'uuid', nullable: true })
  leadOrganisationId!: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_organisation_id' })
  leadOrganisation?: OrganisationEntity;

  /** The draft revision of its last change: an edit names it as its base. */
  @Column('int')
  revision!: number;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}

/**
 * One accepted change. `sectionOrder` is the order of the live sections after it, so the whole
 * text at any revision is the order there and each section's latest body at or before it.
 */
@Entity('position_revision')
@Index('position_revision_number_uq', ['positionId', 'number'], { unique: true })
@Index('position_revision_section_idx', ['sectionId', 'number'])
export class PositionRevisionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('uuid')
  positionId!: string;

  @ManyToOne(() => JointPositionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'position_id' })
  position?: JointPositionEntity;

  @Column('int')
  number!: number;

  @Column({ type: 'enum', enum: RevisionKind, enumName: 'revision_kind' })
  kind!: RevisionKind;

  @Column({ type: 'uuid', nullable: true })
  sectionId!: string | null;

  /** The revision the author's edit was based on; `merged` when others changed it meanwhile. */
  @Column({ type: 'int', nullable: true })
  baseRevision!: number | null;

  @Column({ type: 'boolean', default: false })
  merged!: boolean;

  /** The section's heading and body after this change (edits and additions). */
  @Column({ type: 'text', nullable: true })
  heading!: string | null;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ type: 'uuid', array: true })
  sectionOrder!: string[];

  @Column({ type: 'uuid', nullable: true })
  authorPersonId!: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_person_id' })
  authorPerson?: PersonEntity;

  @Column({ type: 'uuid', nullable: true })
  authorOrganisationId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** An organisation's signature on one fixed text (revision and content hash). Voided, never deleted. */
@Entity('position_sign_on')
@Index('position_sign_on_live_uq', ['positionId', 'organisationId'], { unique: true, where: `"voided_at" IS NULL` })
export class SignOnEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  positionId!: string;

  @ManyToOne(() => JointPositionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'position_id' })
  position?: JointPositionEntity;

  @Column('uuid')
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column('uuid')
  signedByPersonId!: string;

  @Column('int')
  revision!: number;

  /** SHA-256 of the whole text as exported at that revision. */
  @Column('text')
  contentHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  signedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  voidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  voidReason!: string | null;
}

/** How the agreed text went to the commissioner, and what came back. */
@Entity('position_submission')
@Index('position_submission_position_uq', ['positionId'], { unique: true })
export class SubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  positionId!: string;

  @ManyToOne(() => JointPositionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'position_id' })
  position?: JointPositionEntity;

  @Column('text')
  submittedTo!: string;

  @Column('date')
  submittedOn!: string;

  /** e.g. "email to the PCC's office", "consultation portal". */
  @Column('text')
  method!: string;

  @Column('int')
  revision!: number;

  @Column('text')
  contentHash!: string;

  @Column({ type: 'uuid', nullable: true })
  submittedByPersonId!: string | null;

  @Column({ type: 'text', nullable: true })
  responseText!: string | null;

  @Column({ type: 'date', nullable: true })
  respondedOn!: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  commitments!: string[];
}

/** A comment on a section, anchored to a range of its text as it was, threaded by `parentId`. */
@Entity('position_comment')
@Check('position_comment_body_not_blank', `length(btrim("body")) > 0`)
@Check(
  'position_comment_anchor',
  `("anchor_start" IS NULL AND "anchor_end" IS NULL) OR ("anchor_start" >= 0 AND "anchor_end" >= "anchor_start")`,
)
@Index('position_comment_section_idx', ['sectionId', 'createdAt'])
export class PositionCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  positionId!: string;

  @ManyToOne(() => JointPositionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'position_id' })
  position?: JointPositionEntity;

  @Column('uuid')
  sectionId!: string;

  @ManyToOne(() => PositionSectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: PositionSectionEntity;

  /** The comment it answers (one level of threads). */
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => PositionCommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: PositionCommentEntity;

  /** Character offsets into the section's body at `revision`; null for the section as a whole. */
  @Column({ type: 'int', nullable: true })
  anchorStart!: number | null;

  @Column({ type: 'int', nullable: true })
  anchorEnd!: number | null;

  /** The section revision the anchor refers to, and the words it quoted then. */
  @Column('int')
  revision!: number;

  @Column({ type: 'text', nullable: true })
  quote!: string | null;

  @Column('text')
  body!: string;

  @Column('uuid')
  authorPersonId!: string;

  @Column({ type: 'uuid', nullable: true })
  authorOrganisationId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedByPersonId!: string | null;
}

/** A tracked change: a replacement for a range of a section as it was at `baseRevision`. */
@Entity('position_suggestion')
@Check('position_suggestion_range', `"range_start" >= 0 AND "range_end" >= "range_start"`)
@Check('position_suggestion_decided', `("status" = 'OPEN') = ("decided_at" IS NULL)`)
@Index('position_suggestion_section_idx', ['sectionId', 'status'])
export class PositionSuggestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  positionId!: string;

  @ManyToOne(() => JointPositionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'position_id' })
  position?: JointPositionEntity;

  @Column('uuid')
  sectionId!: string;

  @ManyToOne(() => PositionSectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: PositionSectionEntity;

  @Column('int')
  baseRevision!: number;

  @Column('int')
  rangeStart!: number;

  @Column('int')
  rangeEnd!: number;

  /** The words replaced, as they were at `baseRevision`. */
  @Column('text')
  original!: string;

  @Column('text')
  replacement!: string;

  @Column('uuid')
  authorPersonId!: string;

  @Column({ type: 'uuid', nullable: true })
  authorOrganisationId!: string | null;

  @Column({ type: 'enum', enum: SuggestionStatus, enumName: 'suggestion_status', default: SuggestionStatus.OPEN })
  status!: SuggestionStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedByPersonId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** The revision that applied it, once accepted. */
  @Column({ type: 'int', nullable: true })
  resultingRevision!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
