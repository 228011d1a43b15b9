import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from '@app/organisations';
import { PersonEntity } from '../person/person.entity';
import { ApiTokenScopeKind } from './api-token.enums';

/** A read-only token for a dashboard or integration, owned by an organisation. Stored hashed. */
@Entity('api_token')
@Index('api_token_token_hash_key', ['tokenHash'], { unique: true })
@Index('api_token_organisation_id_idx', ['organisationId'])
@Check('api_token_scope_target', `("scope_kind" = 'NATIONAL') = ("scope_target" IS NULL)`)
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column('text')
  name!: string;

  @Column({ type: 'enum', enum: ApiTokenScopeKind, enumName: 'api_token_scope_kind' })
  scopeKind!: ApiTokenScopeKind;

  /** PFA code, network id or organisation id the token is limited to; null for NATIONAL. */
  @Column({ type: 'text', nullable: true })
  scopeTarget!: string | null;

  /** First characters of the token, to recognise it in lists; not enough to use it. */
  @Column('text')
  prefix!: string;

  @Column('text')
  tokenHash!: string;

  @Column('uuid')
  createdById!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: PersonEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
