export interface IdentityOptions {
  /** HMAC secret for access tokens (HS256); the same on every API instance. */
  readonly jwtSecret: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlDays: number;
  /** How often each instance looks for password reset requests to handle. */
  readonly resetRequestPollMs: number;
  /**
   * Invitations (each an email whose text an organisation's admins partly choose) one organisation
   * may send per 24 hours, and one person per hour: a bound on what a taken-over or rogue admin
   * account can mail out.
   */
  readonly invitationLimits?: { readonly perOrganisationPerDay: number; readonly perInviterPerHour: number };
}

/** Invitation limits when none are configured (GitHub allows a new organisation 50 invitations a day). */
export const DEFAULT_INVITATION_LIMITS = { perOrganisationPerDay: 100, perInviterPerHour: 40 } as const;

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

/** Failed sign-ins tolerated in the window before further attempts are refused. */
export const SIGN_IN_THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 30 } as const;

/**
 * Password reset requests: emails per account per hour (more asks are quietly dropped: the answer
 * must not differ), and requests per client address per hour (refused, whatever the address asked
 * for, so the refusal tells nothing about accounts).
 */
export const RESET_THROTTLE = { perAccountPerHour: 3, perAddressPerHour: 10 } as const;
