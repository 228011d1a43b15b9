import { type DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GeographyModule } from '@app/geography';
import { NetworksModule } from '@app/networks';
import { OrganisationsModule } from '@app/organisations';
import { AccountMailOutbox } from './account/account-mail';
import { AccountRecoveryService } from './account/account-recovery.service';
import { AccountResolver } from './account/account.resolver';
import { PasswordResetWorker } from './account/password-reset-worker';
import { ApiTokenResolver } from './api-token/api-token.resolver';
import { FeedScopeCheck } from './api-token/feed-scope-check';
import { ApiTokenService } from './api-token/api-token.service';
import { InvitationResolver } from './invitation/invitation.resolver';
import { InvitationService } from './invitation/invitation.service';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { identityEntities } from './identity.entities';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { PersonLoaderFactory } from './person/person.loader';
import { AffiliationResolver, OrganisationVerificationResolver, PersonResolver } from './person/person.resolver';
import { PersonDirectory } from './person/person-directory';
import { PersonService } from './person/person.service';
import { PasswordService } from './password/password.service';
import { PolicyService } from './policy/policy.service';
import { OrganisationRegistrationResolver } from './registration/organisation-registration.resolver';

export const identityResolvers = [
  AuthResolver,
  PersonResolver,
  AffiliationResolver,
  OrganisationVerificationResolver,
  OrganisationRegistrationResolver,
  ApiTokenResolver,
  InvitationResolver,
  AccountResolver,
];

/** People, their affiliations, sign-in sessions and bearer tokens. Global: every request needs an actor. */
@Module({})
export class IdentityModule {
  static register(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [
        TypeOrmModule.forFeature(identityEntities),
        JwtModule.register({}),
        OrganisationsModule,
        GeographyModule,
        NetworksModule,
      ],
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: options },
        AuthService,
        ApiTokenService,
        FeedScopeCheck,
        InvitationService,
        PolicyService,
        PersonService,
        PersonDirectory,
        PasswordService,
        AccountMailOutbox,
        AccountRecoveryService,
        PasswordResetWorker,
        PersonLoaderFactory,
        ...identityResolvers,
      ],
      exports: [AuthService, PolicyService, PersonService, PersonDirectory, PersonLoaderFactory, AccountMailOutbox],
    };
  }
}
