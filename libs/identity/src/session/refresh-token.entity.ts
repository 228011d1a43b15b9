import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from '../person/person.entity';

/**
 * One refresh token of a sign-in session. Each use replaces it by a new one in the same
 * family; presenting a replaced token again means it was stolen, and revokes the family.
 */
@Entity('refresh_token')
@Index('refresh_token_family_id_idx', ['familyId'])
@Index('refresh_token_token_hash_key', ['tokenHash'], { unique: true })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  familyId!: string;

  @Column('uuid')
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  /** SHA-256 of the token (the token itself is high-entropy, so no salt or KDF is needed). */
  @Column('text')
  tokenHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

/** A failed sign-in, for throttling per account and per address (kept short-term). */
@Entity('sign_in_failure')
@Index('sign_in_failure_email_idx', ['email', 'occurredAt'])
@Index('sign_in_failure_address_idx', ['address', 'occurredAt'])
export class SignInFailureEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  address!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;
}
