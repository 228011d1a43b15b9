import type { RefusalDescriptions } from '@app/common';

/** Why identity refuses: signing in, sessions, invitations, password resets, API tokens. */
export enum IdentityRefusal {
  WRONG_CREDENTIALS = 'WRONG_CREDENTIALS',
  SIGN_IN_LOCKED = 'SIGN_IN_LOCKED',
  SESSION_INVALID = 'SESSION_INVALID',
  ACCESS_TOKEN_INVALID = 'ACCESS_TOKEN_INVALID',
  API_TOKEN_INVALID = 'API_TOKEN_INVALID',
  INVITATION_INVALID = 'INVITATION_INVALID',
  INVITATION_FOR_ANOTHER_EMAIL = 'INVITATION_FOR_ANOTHER_EMAIL',
  INVITEE_MUST_SIGN_IN = 'INVITEE_MUST_SIGN_IN',
  RESET_TOKEN_INVALID = 'RESET_TOKEN_INVALID',
  TOKEN_OUTSIDE_MEMBERSHIP = 'TOKEN_OUTSIDE_MEMBERSHIP',
  WRONG_CURRENT_PASSWORD = 'WRONG_CURRENT_PASSWORD',
  EMAIL_UNCHANGED = 'EMAIL_UNCHANGED',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  EMAIL_LINK_INVALID = 'EMAIL_LINK_INVALID',
  RESET_REQUESTS_LIMITED = 'RESET_REQUESTS_LIMITED',
  ORGANISATION_INVITATIONS_LIMITED = 'ORGANISATION_INVITATIONS_LIMITED',
  INVITER_INVITATIONS_LIMITED = 'INVITER_INVITATIONS_LIMITED',
}

export const IDENTITY_REFUSALS: RefusalDescriptions<IdentityRefusal> = {
  WRONG_CREDENTIALS: 'The email address or the password is wrong.',
  SIGN_IN_LOCKED: 'Too many failed sign-ins: signing in is locked for a while; the message says until when.',
  SESSION_INVALID: 'The refresh token is unknown, expired, already used or signed out: sign in again.',
  ACCESS_TOKEN_INVALID: 'The access token is invalid, expired or its session signed out: refresh or sign in again.',
  API_TOKEN_INVALID: 'The API token is unknown or revoked.',
  INVITATION_INVALID: 'The invitation is unknown, already used or expired.',
  INVITATION_FOR_ANOTHER_EMAIL: 'The invitation was sent to another email address than the signed-in account.',
  INVITEE_MUST_SIGN_IN: 'An account already exists for the invited email address: sign in as it to accept.',
  RESET_TOKEN_INVALID: 'The password reset token is unknown, already used or expired.',
  WRONG_CURRENT_PASSWORD: 'The current password given is not the account’s password.',
  EMAIL_UNCHANGED: 'The new email address is the one the account already has.',
  EMAIL_TAKEN: 'Another account uses this email address.',
  EMAIL_LINK_INVALID: 'The email-change link is unknown, already used or expired.',
  ORGANISATION_INVITATIONS_LIMITED:
    'The organisation has sent as many invitations as it may in 24 hours; the message says when it may send more.',
  INVITER_INVITATIONS_LIMITED:
    'You have sent as many invitations as one person may in an hour; the message says when you may send more.',
  RESET_REQUESTS_LIMITED:
    'Too many password reset requests from this client address: asking is refused for a while; the message says until when.',
  TOKEN_OUTSIDE_MEMBERSHIP: "A network token can be made only by people of the network's active member organisations.",
};

declare module '@app/common' {
  interface RefusalReasons {
    identity: IdentityRefusal;
  }
}
