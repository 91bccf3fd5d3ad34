import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { createHash } from 'node:crypto';
import { DomainError } from '../../common/domain-error.js';
import type { RateLimiter, RateLimitRule } from '../../rate-limit/rate-limiter.js';

const SIGN_IN = '/sign-in/email';

/** The counter of one address's failures; hashed, so the counters table holds no email addresses. */
function failuresKey(email: unknown): string | undefined {
  if (typeof email !== 'string' || !email.trim()) return undefined;
  return `sign-in-failures:${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url')}`;
}

/** Our rate limiter speaks DomainError; inside Better Auth an error must be an APIError to keep its status. */
function asApiError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const headers = { ...error.headers, ...(error.headers['retry-after'] ? { 'x-retry-after': error.headers['retry-after'] } : {}) };
  if (error.code === 'RATE_LIMITED') {
    return new APIError(429, { code: 'TOO_MANY_FAILED_SIGN_INS', message: 'Too many failed sign-ins for this account; try again later.' }, headers);
  }
  return new APIError(error.status as 503, { code: error.code, message: error.message }, headers);
}

/**
 * Per-account throttle on failed password sign-ins, besides Better Auth's per-address limit: once
 * an address has failed `rule.max` times in a window, every sign-in to it (right password or not)
 * answers 429 TOO_MANY_FAILED_SIGN_INS with Retry-After until the window ends, whichever client
 * addresses the guesses come from. Addresses with no account are counted the same way, so the
 * answer tells nothing about whether an account exists.
 */
export function signInThrottle(limiter: RateLimiter, rule: RateLimitRule) {
  return {
    id: 'sign-in-throttle',
    hooks: {
      before: [
        {
          matcher: (context) => context.path === SIGN_IN,
          handler: createAuthMiddleware(async (ctx) => {
            const key = failuresKey((ctx.body as { email?: unknown } | undefined)?.email);
            if (key) await limiter.check(key, rule).catch((error: unknown) => Promise.reject(asApiError(error)));
          }),
        },
      ],
      after: [
        {
          matcher: (context) => context.path === SIGN_IN,
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned;
            if (!isAPIError(returned) || returned.statusCode !== 401) return;
            const key = failuresKey((ctx.body as { email?: unknown } | undefined)?.email);
            if (key) await limiter.record(key, rule).catch((error: unknown) => Promise.reject(asApiError(error)));
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
