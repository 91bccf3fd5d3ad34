import { createRemoteJWKSet, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DomainError } from '../../common/domain-error.js';
import type { AppConfig } from '../../config/app-config.js';
import { KeySetUnavailableError } from './in-process-key-set.js';
import { classifyVerificationError, tokenError } from './token-error.js';

export interface VerifiedClaims extends JWTPayload {
  sub: string;
  exp: number;
  iat: number;
  /** The Better Auth session the token was issued for; what sign-out and revocation end. */
  sid?: string;
  email?: string;
  name?: string;
  image?: string | null;
  /** Better Auth's role(s), comma-separated; `admin` opens the console. */
  role?: string | null;
}

/** How long a key set is trusted before it is read again, remote or in-process. */
export const KEY_SET_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * Verifies API JWTs with jose: signature against the JWKS (cached, reloaded on an unknown `kid` at
 * most once per cooldown, which is how key rotation works without a restart), algorithm
 * allow-list, issuer, audience, exp/nbf/iat with a small clock tolerance, and a lifetime
 * (`exp - iat`) no longer than the configured TTL.
 */
export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;

  /** Without `keys`, the key set is fetched from `settings.jwksUrl` (AUTH_JWKS_URL). */
  constructor(
    private readonly settings: AppConfig['auth'],
    keys?: JWTVerifyGetKey,
  ) {
    this.keys = keys ?? remoteKeySet(settings);
  }

  async verify(token: string): Promise<VerifiedClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: this.settings.algorithms,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: this.settings.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp', 'iat'],
        // Also refuses an `iat` in the future (beyond the clock tolerance).
        maxTokenAge: this.settings.jwtTtlSeconds,
      }));
    } catch (error) {
      if (isKeySourceFailure(error)) {
        throw new DomainError('SERVICE_UNAVAILABLE', 'The token signing keys cannot be fetched right now; try again shortly.', {
          'retry-after': '5',
        });
      }
      throw tokenError(classifyVerificationError(error));
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) throw tokenError('TOKEN_INVALID');
    // A token minted to live longer than we issue them for is not one of ours, whoever signed it.
    if (payload.exp! - payload.iat! > this.settings.jwtTtlSeconds) throw tokenError('TOKEN_INVALID');
    return payload as VerifiedClaims;
  }
}

function remoteKeySet(settings: AppConfig['auth']): JWTVerifyGetKey {
  if (!settings.jwksUrl) throw new Error('JwtVerifier: no key set given and no AUTH_JWKS_URL to fetch one from');
  return createRemoteJWKSet(new URL(settings.jwksUrl), {
    cooldownDuration: settings.jwksCooldownSeconds * 1000,
    cacheMaxAge: KEY_SET_MAX_AGE_MS,
    timeoutDuration: 5000,
  });
}

/** The key source being down is our problem, not the client's: answer 503, not 401. */
export function isKeySourceFailure(error: unknown): boolean {
  if (error instanceof KeySetUnavailableError) return true;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID') return true;
  return typeof message === 'string' && (/^Expected 200 OK from the JSON Web Key Set/.test(message) || ((error as Error).name === 'TypeError' && /fetch/i.test(message)));
}
