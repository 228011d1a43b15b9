import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Certainty, GovernanceType } from '../geography.enums';
import type { PoliceForceAreaEntity } from '../police-force-area/police-force-area.entity';

/** Who held the PCC functions of an area from `since` (inclusive) until `until` (exclusive). */
@Entity('governance_period')
@Check('governance_period_dates_ordered', `"since" IS NULL OR "until" IS NULL OR "since" < "until"`)
@Exclusion(
  'governance_period_no_overlap',
  `USING gist ("police_force_area_id" WITH =, daterange("since", "until", '[)') WITH &&)`,
)
@Index('governance_period_police_force_area_id_idx', ['policeForceAreaId'])
export class GovernancePeriodEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  policeForceAreaId!: string;

  @ManyToOne('PoliceForceAreaEntity', (area: PoliceForceAreaEntity) => area.governance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'police_force_area_id' })
  policeForceArea?: PoliceForceAreaEntity;

  @Column({ type: 'enum', enum: GovernanceType, enumName: 'governance_type' })
  type!: GovernanceType;

  /** The office holding the functions, e.g. "Police and Crime Commissioner for Gwent". */
  @Column('text')
  office!: string;

  /** First day of the period; null when it predates the records (City of London). */
  @Column({ type: 'date', nullable: true })
  since!: string | null;

  /** First day after the period; null while it lasts. May lie in the future. */
  @Column({ type: 'date', nullable: true })
  until!: string | null;

  @Column({ type: 'enum', enum: Certainty, enumName: 'certainty' })
  certainty!: Certainty;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;
}
