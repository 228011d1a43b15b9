import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/**
 * A platform admin's verification of an organisation's claim to be a CVS, with the evidence they
 * checked. No row: the claim awaits verification (a CVS cannot convene, and coverage does not count
 * the networks only it convenes). Withdrawing deletes the row; the activity log keeps the history.
 */
@Entity('organisation_verification')
export class OrganisationVerificationEntity {
  @PrimaryColumn('uuid')
  organisationId!: string;

  @OneToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  verifiedAt!: Date;

  /** The platform admin who verified (a person of identity; null if that account is gone). */
  @Column('uuid', { nullable: true })
  verifiedByPersonId!: string | null;

  /** The registered charity number was checked against the Charity Commission's register. */
  @Column('boolean')
  charityNumberChecked!: boolean;

  /** The organisation is a member of the national body for CVSs (NAVCA, or WCVA in Wales). */
  @Column('boolean')
  nationalBodyMember!: boolean;

  @Column('text', { nullable: true })
  note!: string | null;
}
