/**
 * Stable, machine-readable error codes clients can branch on, each with its HTTP status.
 * Services throw DomainError with one of these; only the exception filter knows about HTTP.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_CURSOR: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  TOKEN_MISSING: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_NOT_YET_VALID: 401,
  TOKEN_BAD_SIGNATURE: 401,
  TOKEN_WRONG_ISSUER: 401,
  TOKEN_WRONG_AUDIENCE: 401,
  TOKEN_UNSUPPORTED_ALGORITHM: 401,
  TOKEN_UNKNOWN_KEY: 401,
  TOKEN_REVOKED: 401,
  FORBIDDEN: 403,
  EMAIL_NOT_VERIFIED: 403,
  NOT_FOUND: 404,
  CONVERSATION_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  RUN_IN_PROGRESS: 409,
  DATABASE_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  RATE_LIMIT_UNAVAILABLE: 503,
  SHUTTING_DOWN: 503,
  RUN_NOT_FOUND: 404,
  INVALID_LAST_EVENT_ID: 400,
  LAST_EVENT_ID_OUT_OF_RANGE: 400,
  RUN_NOT_CONTINUABLE: 409,
  MESSAGE_NOT_FOUND: 404,
  MESSAGE_NOT_RATEABLE: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After or WWW-Authenticate. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
