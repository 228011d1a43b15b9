import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The controlled vocabulary of criminal-justice specialisms; admins may add to it. */
@Entity('specialism')
@Check('specialism_code_format', `"code" ~ '^[A-Z][A-Z0-9_]{1,63}$'`)
export class SpecialismEntity {
  @PrimaryColumn('varchar', { length: 64 })
  code!: string;

  @Column('text')
  label!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
