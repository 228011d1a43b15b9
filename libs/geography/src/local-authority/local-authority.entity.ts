import { Check, Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CommunitySafetyPartnershipEntity } from '../community-safety-partnership/community-safety-partnership.entity';
import type { PoliceForceAreaEntity } from '../police-force-area/police-force-area.entity';

/** A local authority district (ONS LAD24); each lies in exactly one police force area. */
@Entity('local_authority')
@Check('local_authority_code_format', `"code" ~ '^(E06|E07|E08|E09|W06)[0-9]{6}$'`)
@Check('local_authority_population_non_negative', `"population" >= 0`)
@Index('local_authority_police_force_area_id_idx', ['policeForceAreaId'])
export class LocalAuthorityEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** ONS LAD24CD, e.g. E06000001. */
  @Column({ type: 'varchar', length: 9, unique: true })
  code!: string;

  @Column('text')
  name!: string;

  @Column('uuid')
  policeForceAreaId!: string;

  @ManyToOne('PoliceForceAreaEntity', (area: PoliceForceAreaEntity) => area.localAuthorities, {
    onDelete: 'RESTRICT',
  })
  @JoinColumn({ name: 'police_force_area_id' })
  policeForceArea?: PoliceForceAreaEntity;

  /** Census 2021 usual residents (rounded to 100 by ONS). */
  @Column('integer')
  population!: number;

  @ManyToMany('CommunitySafetyPartnershipEntity')
  @JoinTable({
    name: 'local_authority_community_safety_partnership',
    joinColumn: { name: 'local_authority_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'community_safety_partnership_id', referencedColumnName: 'id' },
  })
  communitySafetyPartnerships?: CommunitySafetyPartnershipEntity[];
}
