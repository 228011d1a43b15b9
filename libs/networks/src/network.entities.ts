import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { PoliceForceAreaEntity } from '@app/geography';
import { OrganisationEntity } from '@app/organisations';
import { MembershipRole, MembershipStatus, NetworkStatus } from './network.enums';

/**
 * A local network convened by one or more CVSs in one police force area (fixed once created;
 * a trigger refuses a change). A trigger keeps at least one active convenor at every commit.
 */
@Entity('local_network')
@Check('local_network_name_not_blank', `length(btrim("name")) > 0`)
@Check('local_network_closed_when_closed', `("status" = 'CLOSED') = ("closed_at" IS NOT NULL)`)
@Index('local_network_police_force_area_idx', ['policeForceAreaId', 'status'])
@Index('local_network_name_id_idx', ['name', 'id'])
// Unique per area among open networks, by name trimmed, whitespace collapsed and lower-cased (see the migration).
@Index('local_network_area_name_uq', { synchronize: false })
export class LocalNetworkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('uuid')
  policeForceAreaId!: string;

  @ManyToOne(() => PoliceForceAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'police_force_area_id' })
  policeForceArea?: PoliceForceAreaEntity;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ type: 'enum', enum: NetworkStatus, enumName: 'network_status', default: NetworkStatus.FORMING })
  status!: NetworkStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  statusSince!: Date;

  /** When it first became ACTIVE. */
  @Column({ type: 'timestamptz', nullable: true })
  activeSince!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Whether anyone may see who the members are (convenors are always public). */
  @Column({ type: 'boolean', default: false })
  membersPublic!: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** One spell of an organisation in a network, from invitation or request to its end; never deleted. */
@Entity('network_membership')
@Index('network_membership_live_uq', ['networkId', 'organisationId'], {
  unique: true,
  where: `"status" IN ('INVITED', 'REQUESTED', 'ACTIVE')`,
})
@Index('network_membership_network_idx', ['networkId', 'status', 'role'])
@Index('network_membership_organisation_idx', ['organisationId', 'status'])
@Check(
  'network_membership_ended_when_ended',
  `("status" IN ('LEFT', 'REMOVED', 'DECLINED')) = ("ended_at" IS NOT NULL)`,
)
@Check('network_membership_joined_when_active', `"status" <> 'ACTIVE' OR "joined_at" IS NOT NULL`)
export class NetworkMembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  networkId!: string;

  @ManyToOne(() => LocalNetworkEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: LocalNetworkEntity;

  @Column('uuid')
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'enum', enum: MembershipRole, enumName: 'membership_role' })
  role!: MembershipRole;

  @Column({ type: 'enum', enum: MembershipStatus, enumName: 'membership_status' })
  status!: MembershipStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  statusSince!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  joinedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Every status or role a membership has had (written with each change; never deleted). */
@Entity('network_membership_change')
@Index('network_membership_change_membership_idx', ['membershipId', 'id'])
export class NetworkMembershipChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('uuid')
  membershipId!: string;

  @ManyToOne(() => NetworkMembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id' })
  membership?: NetworkMembershipEntity;

  @Column({ type: 'enum', enum: MembershipRole, enumName: 'membership_role' })
  role!: MembershipRole;

  @Column({ type: 'enum', enum: MembershipStatus, enumName: 'membership_status' })
  status!: MembershipStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  changedByPersonId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}

/** Every status a network has had. */
@Entity('network_status_change')
@Index('network_status_change_network_idx', ['networkId', 'id'])
export class NetworkStatusChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('uuid')
  networkId!: string;

  @ManyToOne(() => LocalNetworkEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: LocalNetworkEntity;

  @Column({ type: 'enum', enum: NetworkStatus, enumName: 'network_status' })
  status!: NetworkStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  changedByPersonId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
