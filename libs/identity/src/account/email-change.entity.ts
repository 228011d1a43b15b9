import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from '../person/person.entity';

/**
 * A new address waiting for its owner to confirm it by the link sent to it; the account keeps
 * its old address until then. Single-use, expiring, its secret stored hashed.
 */
@Entity('email_change')
@Index('email_change_token_hash_key', ['tokenHash'], { unique: true })
@Index('email_change_person_id_idx', ['personId'])
export class EmailChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column('text')
  newEmail!: string;

  @Column('text')
  tokenHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
