export interface IdentityOptions {
  /** HMAC secret for access tokens (HS256); the same on every API instance. */
  readonly jwtSecret: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlDays: number;
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

/** Failed sign-ins tolerated in the window before further attempts are refused. */
export const SIGN_IN_THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 30 } as const;
