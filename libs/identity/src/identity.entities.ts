import { EmailChangeEntity } from './account/email-change.entity';
import { ApiTokenEntity } from './api-token/api-token.entity';
import { InvitationEntity } from './invitation/invitation.entity';
import { PasswordResetRequestEntity, PasswordTokenEntity } from './password/password-token.entity';
import { AffiliationEntity, PersonEntity } from './person/person.entity';
import { RefreshTokenEntity, SignInFailureEntity } from './session/refresh-token.entity';

export const identityEntities = [
  PersonEntity,
  AffiliationEntity,
  RefreshTokenEntity,
  SignInFailureEntity,
  ApiTokenEntity,
  InvitationEntity,
  PasswordTokenEntity,
  PasswordResetRequestEntity,
  EmailChangeEntity,
];
