import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocalAuthorityEntity } from '@app/geography';
import { SpecialismEntity } from '../specialism/specialism.entity';
import { OrganisationEntity } from './organisation.entity';

/** The criminal-justice specialisms an organisation works in. */
@Entity('organisation_specialism')
@Index('organisation_specialism_specialism_code_idx', ['specialismCode'])
export class OrganisationSpecialismEntity {
  @PrimaryColumn('uuid')
  organisationId!: string;

  @PrimaryColumn('varchar', { length: 64 })
  specialismCode!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @ManyToOne(() => SpecialismEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'specialism_code', referencedColumnName: 'code' })
  specialism?: SpecialismEntity;
}

/** The local authority districts an organisation serves (a CVS serves one or more). */
@Entity('organisation_local_authority')
@Index('organisation_local_authority_local_authority_id_idx', ['localAuthorityId'])
export class OrganisationLocalAuthorityEntity {
  @PrimaryColumn('uuid')
  organisationId!: string;

  @PrimaryColumn('uuid')
  localAuthorityId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @ManyToOne(() => LocalAuthorityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthorityEntity;
}
