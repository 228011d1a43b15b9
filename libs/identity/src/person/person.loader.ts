import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, type LoaderFactory } from '@app/common';
import type { AffiliationEntity } from './person.entity';
import { PersonService } from './person.service';

export interface PersonLoaders {
  readonly affiliationsByPersonId: DataLoader<string, AffiliationEntity[]>;
}

@Injectable()
export class PersonLoaderFactory implements LoaderFactory<PersonLoaders> {
  constructor(private readonly people: PersonService) {}

  createLoaders(): PersonLoaders {
    return {
      affiliationsByPersonId: new DataLoader(async (ids) =>
        groupBy(ids, await this.people.findAffiliations(ids), (a) => a.personId),
      ),
    };
  }
}
