import { type DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@app/organisations';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { identityEntities } from './identity.entities';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { PersonLoaderFactory } from './person/person.loader';
import { AffiliationResolver, PersonResolver } from './person/person.resolver';
import { PersonService } from './person/person.service';

export const identityResolvers = [AuthResolver, PersonResolver, AffiliationResolver];

/** People, their affiliations, sign-in sessions and bearer tokens. Global: every request needs an actor. */
@Module({})
export class IdentityModule {
  static register(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [TypeOrmModule.forFeature(identityEntities), JwtModule.register({}), OrganisationsModule],
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: options },
        AuthService,
        PersonService,
        PersonLoaderFactory,
        ...identityResolvers,
      ],
      exports: [AuthService, PersonService, PersonLoaderFactory],
    };
  }
}
