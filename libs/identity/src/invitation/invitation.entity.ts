import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from '@app/organisations';
import { PersonEntity } from '../person/person.entity';
import { AffiliationRole } from '../person/person.enums';

/**
 * An organisation admin's invitation of an email address to the organisation. The token
 * (stored hashed) is single-use and expires. Sending it by email is left to a later sender:
 * the admin receives it and the row records it.
 */
@Entity('invitation')
@Index('invitation_token_hash_key', ['tokenHash'], { unique: true })
@Index('invitation_organisation_id_idx', ['organisationId'])
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** Lower-cased and trimmed, like a person's email. */
  @Column('text')
  email!: string;

  @Column({ type: 'enum', enum: AffiliationRole, enumName: 'affiliation_role' })
  role!: AffiliationRole;

  @Column('text')
  tokenHash!: string;

  @Column('uuid')
  invitedById!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invited_by_id' })
  invitedBy?: PersonEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedById!: string | null;
}
