import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { PoliceForceAreaEntity } from '../police-force-area/police-force-area.entity';

/** A community safety partnership (ONS CSP24); a local authority may belong to several. */
@Entity('community_safety_partnership')
@Index('community_safety_partnership_police_force_area_id_idx', ['policeForceAreaId'])
export class CommunitySafetyPartnershipEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** ONS CSP24CD, e.g. E22000001. */
  @Column({ type: 'varchar', length: 9, unique: true })
  code!: string;

  @Column('text')
  name!: string;

  @Column('uuid')
  policeForceAreaId!: string;

  @ManyToOne('PoliceForceAreaEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'police_force_area_id' })
  policeForceArea?: PoliceForceAreaEntity;
}
