import { createRemoteJWKSet, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { HostIdentitySettings } from '../../config/app-config.js';
import { isKeySourceFailure, KEY_SET_MAX_AGE_MS } from '../jwt/jwt-verifier.js';
import { classifyVerificationError } from '../jwt/token-error.js';

/** Longer tokens are refused before any parsing: a host's identity token is a few hundred bytes. */
export const HOST_TOKEN_MAX_BYTES = 8 * 1024;
/** How long an identity token may live, from `iat` (or from now when it has none). */
export const HOST_TOKEN_MAX_LIFETIME_SECONDS = 10 * 60;
/** The algorithms a host's key set may sign with; HS256 only with the shared secret. */
export const HOST_KEY_SET_ALGORITHMS = ['EdDSA', 'Ed25519', 'ES256', 'RS256'];

const MESSAGES = {
  HOST_TOKEN_INVALID: 'The identity token is malformed or lacks a required claim (sub, exp, jti).',
  HOST_TOKEN_TOO_LARGE: `The identity token is longer than ${HOST_TOKEN_MAX_BYTES} bytes.`,
  HOST_TOKEN_EXPIRED: 'The identity token has expired; ask the host site for a new one.',
  HOST_TOKEN_NOT_YET_VALID: 'The identity token is not valid yet.',
  HOST_TOKEN_TOO_LONG_LIVED: `The identity token lives longer than ${HOST_TOKEN_MAX_LIFETIME_SECONDS / 60} minutes.`,
  HOST_TOKEN_BAD_SIGNATURE: 'The identity token signature does not verify.',
  HOST_TOKEN_WRONG_ISSUER: 'The identity token was issued by an untrusted issuer.',
  HOST_TOKEN_WRONG_AUDIENCE: 'The identity token is meant for another audience.',
  HOST_TOKEN_UNSUPPORTED_ALGORITHM: 'The identity token uses a signature algorithm that is not accepted.',
  HOST_TOKEN_UNKNOWN_KEY: 'The identity token was signed with an unknown key.',
  HOST_TOKEN_REPLAYED: 'The identity token has been used already; each one signs in once.',
} as const;

export type HostTokenErrorCode = keyof typeof MESSAGES;

/** Why an identity token was refused (a 401 with its code), never echoing the token. */
export class HostTokenError extends Error {
  constructor(readonly code: HostTokenErrorCode) {
    super(MESSAGES[code]);
    this.name = 'HostTokenError';
  }
}

/** The host's key set could not be read: our problem (503), not the client's. */
export class HostKeysUnavailableError extends Error {
  constructor() {
    super("The host site's signing keys cannot be fetched right now; try again shortly.");
    this.name = 'HostKeysUnavailableError';
  }
}

/** What a verified identity token says about the host's user. */
export interface HostIdentity {
  /** The host's user id: with provider id `host`, the account this token signs into. */
  subject: string;
  name?: string;
  /** The token's id, spent once (see HostTokenReplays). */
  jti: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const MAX_ID_LENGTH = 255;

function boundedString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

/**
 * Verifies the identity tokens the host site's backend signs (with jose): HS256 with the shared
 * secret, or EdDSA/ES256/RS256 with the host's key set; issuer and audience as configured; `sub`,
 * `exp` and `jti` required, and a lifetime of at most ten minutes. `alg: none`, and HS256 where a
 * key set is configured, are refused by the algorithm allow-list.
 */
export class HostTokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(
    private readonly settings: HostIdentitySettings,
    private readonly clockToleranceSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    if (settings.secret) {
      this.key = new TextEncoder().encode(settings.secret);
      this.algorithms = ['HS256'];
    } else if (settings.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(settings.jwksUrl), { cacheMaxAge: KEY_SET_MAX_AGE_MS, timeoutDuration: 5000 });
      this.algorithms = HOST_KEY_SET_ALGORITHMS;
    } else {
      throw new Error('HostTokenVerifier: neither a secret nor a key set URL');
    }
  }

  async verify(token: string): Promise<HostIdentity> {
    if (Buffer.byteLength(token, 'utf8') > HOST_TOKEN_MAX_BYTES) throw new HostTokenError('HOST_TOKEN_TOO_LARGE');
    const payload = await this.verifySignatureAndClaims(token);
    if (!boundedString(payload.sub) || !boundedString(payload.jti)) throw new HostTokenError('HOST_TOKEN_INVALID');
    const nowSeconds = Math.floor(this.now() / 1000);
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : nowSeconds;
    if (issuedAt > nowSeconds + this.clockToleranceSeconds) throw new HostTokenError('HOST_TOKEN_NOT_YET_VALID');
    const exp = payload.exp!;
    const maxExp = Math.min(issuedAt, nowSeconds) + HOST_TOKEN_MAX_LIFETIME_SECONDS + this.clockToleranceSeconds;
    if (exp > maxExp) throw new HostTokenError('HOST_TOKEN_TOO_LONG_LIVED');
    return {
      subject: payload.sub,
      jti: payload.jti,
      expiresAt: exp,
      ...(typeof payload.name === 'string' && payload.name.trim() ? { name: payload.name } : {}),
    };
  }

  private async verifySignatureAndClaims(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.key as JWTVerifyGetKey, {
        algorithms: this.algorithms,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: this.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp', 'jti'],
        currentDate: new Date(this.now()),
      });
      return payload;
    } catch (error) {
      if (this.settings.jwksUrl && isKeySourceFailure(error)) throw new HostKeysUnavailableError();
      // The API token's classes, under the host token's names.
      throw new HostTokenError(`HOST_${classifyVerificationError(error)}` as HostTokenErrorCode);
    }
  }
}
