import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PoliceForceAreaEntity } from '@app/geography';
import { SpecialismEntity } from '@app/organisations';

/** The specialisms every area's networks should reach, in the order admins set them. */
@Entity('coverage_priority')
@Check('coverage_priority_position_non_negative', `"position" >= 0`)
export class CoveragePriorityEntity {
  @PrimaryColumn('varchar', { length: 64 })
  specialismCode!: string;

  @ManyToOne(() => SpecialismEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'specialism_code', referencedColumnName: 'code' })
  specialism?: SpecialismEntity;

  @Column('integer')
  position!: number;
}

/** An area's coverage as it stood on a day (the latest figures of that day). */
@Entity('coverage_snapshot')
export class CoverageSnapshotEntity {
  @PrimaryColumn('uuid')
  policeForceAreaId!: string;

  @ManyToOne(() => PoliceForceAreaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'police_force_area_id' })
  policeForceArea?: PoliceForceAreaEntity;

  @PrimaryColumn('date')
  takenOn!: string;

  @Column('varchar', { length: 5 })
  status!: string;

  @Column('integer')
  activeNetworks!: number;

  @Column('integer')
  memberOrganisations!: number;

  @Column('integer')
  localAuthoritiesReached!: number;

  @Column('integer')
  localAuthoritiesTotal!: number;

  @Column('bigint')
  populationReached!: string;

  @Column('text', { array: true })
  specialismsPresent!: string[];
}
