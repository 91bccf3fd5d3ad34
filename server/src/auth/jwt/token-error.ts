import { errors } from 'jose';
import { DomainError, type ErrorCode } from '../../common/domain-error.js';

const MESSAGES = {
  TOKEN_MISSING: 'Authentication required: send Authorization: Bearer <token>.',
  TOKEN_INVALID: 'The token is malformed.',
  TOKEN_EXPIRED: 'The token has expired.',
  TOKEN_NOT_YET_VALID: 'The token is not valid yet.',
  TOKEN_BAD_SIGNATURE: 'The token signature does not verify.',
  TOKEN_WRONG_ISSUER: 'The token was issued by an untrusted issuer.',
  TOKEN_WRONG_AUDIENCE: 'The token is meant for another audience.',
  TOKEN_UNSUPPORTED_ALGORITHM: 'The token uses a signature algorithm that is not accepted.',
  TOKEN_UNKNOWN_KEY: 'The token was signed with an unknown key.',
  TOKEN_REVOKED: 'The session this token belongs to has ended; get a new token by signing in again.',
} as const satisfies Partial<Record<ErrorCode, string>>;

export type TokenErrorCode = keyof typeof MESSAGES;

/** A 401 that says which class of problem the token has, never echoing the token itself. */
export function tokenError(code: TokenErrorCode): DomainError {
  const description = code === 'TOKEN_MISSING' ? '' : ` error="invalid_token", error_description="${MESSAGES[code]}"`;
  return new DomainError(code, MESSAGES[code], { 'www-authenticate': `Bearer${description}` });
}

/** Maps jose's verification failures to our token error codes. */
export function classifyVerificationError(error: unknown): TokenErrorCode {
  if (error instanceof errors.JWTExpired) return 'TOKEN_EXPIRED';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'TOKEN_WRONG_ISSUER';
    if (error.claim === 'aud') return 'TOKEN_WRONG_AUDIENCE';
    if (error.claim === 'nbf' || (error.claim === 'iat' && error.reason === 'check_failed')) return 'TOKEN_NOT_YET_VALID';
    return 'TOKEN_INVALID';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'TOKEN_BAD_SIGNATURE';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'TOKEN_UNSUPPORTED_ALGORITHM';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'TOKEN_UNKNOWN_KEY';
  return 'TOKEN_INVALID';
}
