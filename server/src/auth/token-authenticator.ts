import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { AuthUser } from '../users/auth-user.js';
import { UsersService } from '../users/users.service.js';
import { AuthEvents } from './auth-events.js';
import { BetterAuthService } from './better-auth.service.js';
import { inProcessKeySet } from './jwt/in-process-key-set.js';
import { JwtVerifier, KEY_SET_MAX_AGE_MS } from './jwt/jwt-verifier.js';
import { tokenError } from './jwt/token-error.js';
import { VerifiedTokenCache } from './jwt/verified-token-cache.js';
import { RevocationList } from './revocation/revocation-list.js';

/** Longest token we bother parsing; Better Auth's are well under 1 KB. */
const MAX_TOKEN_LENGTH = 8192;
const CACHE_ENTRIES = 10_000;

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');

/** What the verified-token cache keeps per token: enough to re-check revocation on every hit. */
interface VerifiedToken {
  user: AuthUser;
  sessionId: string;
}

/**
 * Turns a bearer token into the signed-in user: verify (or find in the verified-token cache),
 * refuse it if its session or user is revoked (checked on every request, cached or not, in
 * memory), then create/refresh the users row. The cache also spares the row refresh on every request.
 */
@Injectable()
export class TokenAuthenticator {
  private readonly cache = new VerifiedTokenCache<VerifiedToken>(CACHE_ENTRIES);

  constructor(
    @Inject(JWT_VERIFIER) private readonly verifier: JwtVerifier,
    private readonly revocations: RevocationList,
    private readonly users: UsersService,
    private readonly events: AuthEvents,
  ) {}

  async authenticate(token: string | undefined, ip?: string): Promise<AuthUser> {
    try {
      if (!token) throw tokenError('TOKEN_MISSING');
      if (token.length > MAX_TOKEN_LENGTH) throw tokenError('TOKEN_INVALID');
      const cached = this.cache.get(token);
      if (cached) return this.unlessRevoked(cached);
      const claims = await this.verifier.verify(token);
      // Without a session id the token could never be revoked: not one we accept.
      if (typeof claims.sid !== 'string' || !claims.sid) throw tokenError('TOKEN_INVALID');
      if (this.revocations.isRevoked(claims.sid, claims.sub)) throw tokenError('TOKEN_REVOKED');
      const user = await this.users.upsertFromClaims({
        subject: claims.sub,
        email: typeof claims.email === 'string' ? claims.email : null,
        name: typeof claims.name === 'string' ? claims.name : null,
        image: typeof claims.image === 'string' ? claims.image : null,
        emailVerified: claims.emailVerified === true,
        isGuest: claims.isAnonymous === true,
        role: typeof claims.role === 'string' ? claims.role : null,
      });
      this.cache.set(token, { user, sessionId: claims.sid }, claims.exp * 1000);
      return user;
    } catch (error) {
      if (error instanceof DomainError && error.status === 401) {
        this.events.record({ type: 'token_rejected', outcome: 'failure', reason: error.code, ip });
      }
      throw error;
    }
  }

  private unlessRevoked({ user, sessionId }: VerifiedToken): AuthUser {
    if (this.revocations.isRevoked(sessionId, user.subject)) throw tokenError('TOKEN_REVOKED');
    return user;
  }
}

/**
 * With AUTH_JWKS_URL, tokens of that (external) deployment, keys fetched over HTTP. Without it,
 * this server's own tokens, keys read in-process from its Better Auth: no HTTP call to ourselves,
 * so nothing depends on the server knowing its own URL before it listens.
 */
export function createJwtVerifier(config: AppConfig, betterAuth: BetterAuthService, clock: Clock): JwtVerifier {
  if (config.auth.jwksUrl) return new JwtVerifier(config.auth);
  const keys = inProcessKeySet(() => betterAuth.auth.api.getJwks(), {
    cooldownMs: config.auth.jwksCooldownSeconds * 1000,
    maxAgeMs: KEY_SET_MAX_AGE_MS,
    now: clock,
  });
  return new JwtVerifier(config.auth, keys);
}

export const jwtVerifierProvider = { provide: JWT_VERIFIER, inject: [APP_CONFIG, BetterAuthService, CLOCK], useFactory: createJwtVerifier };
