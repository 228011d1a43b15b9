import { Check, Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { Country, Region } from '../geography.enums';
import type { GovernancePeriodEntity } from '../governance/governance-period.entity';
import type { LocalAuthorityEntity } from '../local-authority/local-authority.entity';

@Entity('police_force_area')
@Check('police_force_area_code_format', `"code" ~ '^(E23|W15)[0-9]{6}$'`)
@Check('police_force_area_population_non_negative', `"population" >= 0`)
export class PoliceForceAreaEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** ONS PFA24CD, e.g. E23000001. */
  @Column({ type: 'varchar', length: 9, unique: true })
  code!: string;

  /** ONS PFA24NM, as ONS spells it ("London, City of"). */
  @Column('text')
  name!: string;

  @Column('text')
  displayName!: string;

  @Column('text')
  forceName!: string;

  /** The force's id in the data.police.uk API. */
  @Column({ type: 'text', unique: true })
  policeUkForceId!: string;

  @Column({ type: 'enum', enum: Country, enumName: 'country' })
  country!: Country;

  @Column({ type: 'enum', enum: Region, enumName: 'region' })
  region!: Region;

  /** Census 2021 usual residents, the sum over the area's local authorities. */
  @Column('integer')
  population!: number;

  @OneToMany('LocalAuthorityEntity', (authority: LocalAuthorityEntity) => authority.policeForceArea)
  localAuthorities?: LocalAuthorityEntity[];

  @OneToMany('GovernancePeriodEntity', (period: GovernancePeriodEntity) => period.policeForceArea)
  governance?: GovernancePeriodEntity[];
}
