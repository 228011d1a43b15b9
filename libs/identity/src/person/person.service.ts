import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '@app/common';
import { AffiliationEntity, PersonEntity } from './person.entity';

@Injectable()
export class PersonService {
  constructor(
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    @InjectRepository(AffiliationEntity) private readonly affiliations: Repository<AffiliationEntity>,
  ) {}

  async getById(id: string): Promise<PersonEntity> {
    const person = await this.people.findOneBy({ id });
    if (!person) {
      throw DomainError.notFound('Person', id);
    }
    return person;
  }

  findByIds(ids: readonly string[]): Promise<PersonEntity[]> {
    return this.people.createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany();
  }

  findAffiliations(personIds: readonly string[]): Promise<AffiliationEntity[]> {
    return this.affiliations
      .createQueryBuilder('a')
      .where('a.person_id = ANY(:personIds)', { personIds })
      .orderBy('a.created_at')
      .getMany();
  }
}
