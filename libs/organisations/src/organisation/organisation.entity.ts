import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganisationKind, OrganisationStatus } from './organisation.enums';

@Entity('organisation')
@Check('organisation_name_not_blank', `length(btrim("name")) > 0`)
@Check('organisation_charity_number_format', `"charity_number" ~ '^[0-9]{6,8}(-[0-9]{1,2})?$'`)
@Check('organisation_company_number_format', `"company_number" ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6})$'`)
@Check('organisation_archived_when_archived', `("status" = 'ARCHIVED') = ("archived_at" IS NOT NULL)`)
@Index('organisation_name_id_idx', ['name', 'id'])
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  kind!: OrganisationKind;

  /** Registered charity number in England and Wales, e.g. 1012345 or 1012345-1 for a linked charity. */
  @Column({ type: 'varchar', length: 11, nullable: true })
  charityNumber!: string | null;

  /** Companies House number, e.g. 01234567 or SC123456. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  companyNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({
    type: 'enum',
    enum: OrganisationStatus,
    enumName: 'organisation_status',
    default: OrganisationStatus.ACTIVE,
  })
  status!: OrganisationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;
}
