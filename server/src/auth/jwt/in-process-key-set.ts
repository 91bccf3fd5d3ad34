import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../../common/clock.js';

export interface InProcessKeySetOptions {
  /** Least time between two reloads triggered by an unknown key id (a flood of forged kids must not reach the database). */
  cooldownMs: number;
  /** A key set older than this is reloaded before use, so removed keys stop verifying. */
  maxAgeMs: number;
  now: Clock;
}

/** The key set could not be read (the database is away): the server's problem, answered with a 503. */
export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';
}

/**
 * The public keys of the Better Auth instance running in this process, read through its API
 * (that is, from the database) instead of over HTTP from ourselves. Same rules as jose's remote
 * key set: kept in memory, reloaded when older than `maxAgeMs`, and reloaded on an unknown key id
 * at most once per `cooldownMs`, which is how a rotated key is picked up without a restart.
 */
export function inProcessKeySet(load: () => Promise<JSONWebKeySet>, { cooldownMs, maxAgeMs, now }: InProcessKeySetOptions): JWTVerifyGetKey {
  let current: { getKey: JWTVerifyGetKey; loadedAt: number } | undefined;
  let loading: Promise<{ getKey: JWTVerifyGetKey; loadedAt: number }> | undefined;

  // Concurrent callers share one load.
  const reload = () =>
    (loading ??= load()
      .then((jwks) => (current = { getKey: createLocalJWKSet(jwks), loadedAt: now() }))
      .catch((error: unknown) => {
        throw new KeySetUnavailableError('The signing keys cannot be read', { cause: error });
      })
      .finally(() => (loading = undefined)));

  return async (header, token) => {
    const keys = current && now() - current.loadedAt < maxAgeMs ? current : await reload();
    try {
      return await keys.getKey(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || now() - keys.loadedAt < cooldownMs) throw error;
      return (await reload()).getKey(header, token);
    }
  };
}
