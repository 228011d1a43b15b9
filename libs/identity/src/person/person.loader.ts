import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, type LoaderFactory } from '@app/common';
import type { AffiliationEntity, PersonEntity } from './person.entity';
import { PersonService } from './person.service';

export interface PersonLoaders {
  readonly affiliationsByPersonId: DataLoader<string, AffiliationEntity[]>;
  /** People by id (null for an id naming no one, e.g. an account since removed). */
  readonly byId: DataLoader<string, PersonEntity | null>;
}

@Injectable()
export class PersonLoaderFactory implements LoaderFactory<PersonLoaders> {
  constructor(private readonly people: PersonService) {}

  createLoaders(): PersonLoaders {
    return {
      affiliationsByPersonId: new DataLoader(async (ids) =>
        groupBy(ids, await this.people.findAffiliations(ids), (a) => a.personId),
      ),
      byId: new DataLoader(async (ids) => {
        const found = new Map((await this.people.findByIds(ids)).map((p) => [p.id, p]));
        return ids.map((id) => found.get(id) ?? null);
      }),
    };
  }
}
