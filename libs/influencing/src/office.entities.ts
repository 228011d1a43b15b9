import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { EventEntity } from '@app/events';
import { PoliceForceAreaEntity } from '@app/geography';
import { ElectionKind, ElectionSource, OfficeTitle } from './influencing.enums';

/** Someone who held an area's office (or a role in it) for a term. Entered by admins. */
@Entity('office_holder')
@Check('office_holder_name_not_blank', `length(btrim("name")) > 0`)
@Check('office_holder_term_ordered', `"term_end" IS NULL OR "term_start" < "term_end"`)
@Index('office_holder_area_idx', ['policeForceAreaId', 'termStart'])
export class OfficeHolderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  policeForceAreaId!: string;

  @ManyToOne(() => PoliceForceAreaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'police_force_area_id' })
  policeForceArea?: PoliceForceAreaEntity;

  @Column('text')
  name!: string;

  @Column({ type: 'enum', enum: OfficeTitle, enumName: 'office_title' })
  title!: OfficeTitle;

  /** Null when independent. */
  @Column({ type: 'text', nullable: true })
  party!: string | null;

  @Column('date')
  termStart!: string;

  /** First day after the term; null while it lasts. */
  @Column({ type: 'date', nullable: true })
  termEnd!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A polling day on which areas elect their office: an ordinary round, a by-election or a mayoral round. */
@Entity('election_round')
@Unique('election_round_day_kind_uq', ['pollingDay', 'kind', 'byElection'])
export class ElectionRoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('date')
  pollingDay!: string;

  @Column({ type: 'enum', enum: ElectionKind, enumName: 'election_kind' })
  kind!: ElectionKind;

  @Column({ type: 'boolean', default: false })
  byElection!: boolean;

  @Column({ type: 'enum', enum: ElectionSource, enumName: 'election_source' })
  source!: ElectionSource;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;
}

/** One area's contest in a round, for the office it elects there. */
@Entity('election_contest')
@Unique('election_contest_round_area_uq', ['roundId', 'policeForceAreaId'])
export class ElectionContestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  roundId!: string;

  @ManyToOne(() => ElectionRoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: ElectionRoundEntity;

  @Column('uuid')
  policeForceAreaId!: string;

  @ManyToOne(() => PoliceForceAreaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'police_force_area_id' })
  policeForceArea?: PoliceForceAreaEntity;

  /** The office contested in this area (a PCC round can elect PFCCs). */
  @Column({ type: 'enum', enum: ElectionKind, enumName: 'election_kind' })
  kind!: ElectionKind;
}

@Entity('election_candidate')
@Check('election_candidate_name_not_blank', `length(btrim("name")) > 0`)
@Index('election_candidate_contest_idx', ['contestId'])
export class ElectionCandidateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  contestId!: string;

  @ManyToOne(() => ElectionContestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id' })
  contest?: ElectionContestEntity;

  @Column('text')
  name!: string;

  /** Null when independent. */
  @Column({ type: 'text', nullable: true })
  party!: string | null;

  @Column({ type: 'text', nullable: true })
  statementUrl!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** An event held as hustings for a round (an event is hustings for one round at most). */
@Entity('election_hustings')
@Index('election_hustings_round_idx', ['roundId'])
export class ElectionHustingsEntity {
  @Column('uuid', { primary: true })
  eventId!: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column('uuid')
  roundId!: string;

  @ManyToOne(() => ElectionRoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: ElectionRoundEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  linkedAt!: Date;
}
