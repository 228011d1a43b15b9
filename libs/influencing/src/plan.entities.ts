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
import { PoliceForceAreaEntity } from '@app/geography';
import { OrganisationEntity } from '@app/organisations';

/** An area's police and crime plan: its period, consultation window and ordered priorities. */
@Entity('police_crime_plan')
@Check('police_crime_plan_title_not_blank', `length(btrim("title")) > 0`)
@Check('police_crime_plan_period_ordered', `"period_end" IS NULL OR "period_start" < "period_end"`)
@Check(
  'police_crime_plan_consultation_ordered',
  `"consultation_opens" IS NULL OR "consultation_closes" IS NULL OR "consultation_opens" <= "consultation_closes"`,
)
@Index('police_crime_plan_area_idx', ['policeForceAreaId', 'periodStart'])
export class PoliceCrimePlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  policeForceAreaId!: string;

  @ManyToOne(() => PoliceForceAreaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'police_force_area_id' })
  policeForceArea?: PoliceForceAreaEntity;

  @Column('text')
  title!: string;

  @Column('date')
  periodStart!: string;

  /** Last day the plan covers; null if open-ended. */
  @Column({ type: 'date', nullable: true })
  periodEnd!: string | null;

  @Column({ type: 'date', nullable: true })
  consultationOpens!: string | null;

  @Column({ type: 'date', nullable: true })
  consultationCloses!: string | null;

  @Column({ type: 'text', nullable: true })
  documentUrl!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('plan_priority')
@Unique('plan_priority_ordinal_uq', ['planId', 'ordinal'])
@Check('plan_priority_title_not_blank', `length(btrim("title")) > 0`)
export class PlanPriorityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  planId!: string;

  @ManyToOne(() => PoliceCrimePlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: PoliceCrimePlanEntity;

  /** Its place in the plan, from 1. */
  @Column('int')
  ordinal!: number;

  @Column('text')
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;
}

/** A joint position declares it addresses a plan priority. */
@Entity('position_priority')
export class PositionPriorityEntity {
  @PrimaryColumn('uuid')
  positionId!: string;

  @ManyToOne(() => JointPositionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'position_id' })
  position?: JointPositionEntity;

  @PrimaryColumn('uuid')
  priorityId!: string;

  @ManyToOne(() => PlanPriorityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'priority_id' })
  priority?: PlanPriorityEntity;
}

/**
 * A Justice Data Lab result an organisation publishes on its profile: one-year proven reoffending
 * of the people it worked with against a matched comparison group. Rates are percentages.
 */
@Entity('justice_data_lab_result')
@Check('jdl_intervention_not_blank', `length(btrim("intervention")) > 0`)
@Check('jdl_period_ordered', `"period_start" <= "period_end"`)
@Check('jdl_group_sizes_not_negative', `"treatment_group_size" >= 0 AND "comparison_group_size" >= 0`)
@Check(
  'jdl_rates_are_percentages',
  `"treatment_reoffending_rate" BETWEEN 0 AND 100 AND "comparison_reoffending_rate" BETWEEN 0 AND 100`,
)
@Index('justice_data_lab_result_organisation_idx', ['organisationId'])
export class JusticeDataLabResultEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column('text')
  intervention!: string;

  /** The period the people in the treatment group started with the intervention. */
  @Column('date')
  periodStart!: string;

  @Column('date')
  periodEnd!: string;

  @Column('int')
  treatmentGroupSize!: number;

  @Column('int')
  comparisonGroupSize!: number;

  @Column({
    type: 'numeric',
    precision: 5,
    scale: 2,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  treatmentReoffendingRate!: number;

  @Column({
    type: 'numeric',
    precision: 5,
    scale: 2,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  comparisonReoffendingRate!: number;

  @Column('boolean')
  statisticallySignificant!: boolean;

  @Column({ type: 'text', nullable: true })
  reportUrl!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedByPersonId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A joint position cites a Justice Data Lab result as evidence. */
@Entity('position_evidence')
export class PositionEvidenceEntity {
  @PrimaryColumn('uuid')
  positionId!: string;

  @ManyToOne(() => JointPositionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'position_id' })
  position?: JointPositionEntity;

  @PrimaryColumn('uuid')
  resultId!: string;

  @ManyToOne(() => JusticeDataLabResultEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'result_id' })
  result?: JusticeDataLabResultEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  citedAt!: Date;
}
