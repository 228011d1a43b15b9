/** The stable `extensions.code` values a client may branch on. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** Too many attempts (e.g. wrong passwords); retry later. */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** A service the API needs (PostgreSQL) cannot be reached right now; retry shortly (HTTP 503). */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** An HTTP request body over the size limit (answered with status 413). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
