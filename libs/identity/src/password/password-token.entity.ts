import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from '../person/person.entity';

/** What a password token is for: voiding one kind never voids the other. */
export enum PasswordTokenPurpose {
  /** A platform admin's first password (or a lost one), issued by the operator's CLI. */
  SETUP = 'SETUP',
  /** An emailed recovery link, asked for with requestPasswordReset. */
  RESET = 'RESET',
}

/**
 * A single-use, expiring token that lets its holder set a person's password: the first
 * platform admin's (from the CLI) and, later, account recovery. Stored hashed, like every token.
 */
@Entity('password_token')
@Index('password_token_token_hash_key', ['tokenHash'], { unique: true })
@Index('password_token_person_id_idx', ['personId'])
export class PasswordTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column('text')
  tokenHash!: string;

  @Column({ type: 'enum', enum: PasswordTokenPurpose, enumName: 'password_token_purpose' })
  purpose!: PasswordTokenPurpose;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  /** Set when the token is used, or when a newer token or a password change makes it void. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}

/**
 * A password reset as asked for, whether or not the address has an account: the request path
 * records only this (so known and unknown addresses cost the same), a worker does the rest and
 * marks it handled. Also what the per-address limit counts.
 */
@Entity('password_reset_request')
@Index('password_reset_request_address_idx', ['address', 'requestedAt'])
@Index('password_reset_request_pending_idx', ['requestedAt'], { where: 'handled_at IS NULL' })
export class PasswordResetRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The address asked for, normalised. */
  @Column('text')
  email!: string;

  /** Whom the per-client limit counts it against: `addressKey` of the client's address (IPv6: its /64). */
  @Column('text')
  address!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  handledAt!: Date | null;
}
