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
  UpdateDateColumn,
} from 'typeorm';
import { OrganisationEntity } from '@app/organisations';
import { AffiliationRole } from './person.enums';

@Entity('person')
@Check('person_email_normalised', `"email" = lower(btrim("email")) AND "email" LIKE '%_@_%'`)
@Check('person_display_name_not_blank', `length(btrim("display_name")) > 0`)
@Index('person_email_key', ['email'], { unique: true })
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased and trimmed, so uniqueness is case-insensitive. */
  @Column('text')
  email!: string;

  @Column('text')
  displayName!: string;

  /** Null until the person sets a password (e.g. an invitation not yet accepted). Never returned. */
  @Column({ type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: false })
  platformAdmin!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A person works for an organisation in a role. */
@Entity('affiliation')
@Index('affiliation_organisation_id_idx', ['organisationId'])
export class AffiliationEntity {
  @PrimaryColumn('uuid')
  personId!: string;

  @PrimaryColumn('uuid')
  organisationId!: string;

  @Column({ type: 'enum', enum: AffiliationRole, enumName: 'affiliation_role' })
  role!: AffiliationRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;
}
