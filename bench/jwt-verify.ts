/**
 * JWT verifications per second on one core (Node runs this on one thread), with the JWKS already
 * cached: what the API pays per request for authentication, with and without the verified-token
 * cache. Part of `npm run bench`; alone: npm run bench:jwt
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { JwtVerifier } from '../server/src/auth/jwt/jwt-verifier.js';
import { VerifiedTokenCache } from '../server/src/auth/jwt/verified-token-cache.js';
import { RevocationList } from '../server/src/auth/revocation/revocation-list.js';

const issuer = 'https://chat.example.com';

async function measure(label: string, durationMs: number, operation: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2000; i++) await operation(); // warm-up: JIT, key import caches
  let count = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(durationMs) * 1_000_000n;
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 100; i++) await operation();
    count += 100;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = count / seconds;
  console.log(`${label.padEnd(48)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} /s   ${((seconds / count) * 1e6).toFixed(1)} µs each`);
  return perSecond;
}

export interface JwtVerificationRates {
  /** Verifications per second on one core: signature and claims checked. */
  full: number;
  /** The same token served from the verified-token cache (the guard's hot path before revocation). */
  cached: number;
  /** A cache hit plus the revocation check the guard now does on every request. */
  cachedWithRevocationCheck: number;
}

/** Revoked sessions in the list during the measurement: a busy hour's sign-outs. */
const REVOKED_SESSIONS = 10_000;

export async function measureJwtVerification(durationMs: number): Promise<JwtVerificationRates> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' }] });
  const verifier = new JwtVerifier(
    { secret: '', allowedOrigins: [], jwksUrl: `${issuer}/api/auth/jwks`, issuer, audience: issuer, jwtTtlSeconds: 900, clockToleranceSeconds: 5, algorithms: ['EdDSA'], jwksCooldownSeconds: 30, revocationPollSeconds: 5 },
    jwks,
  );
  const token = await new SignJWT({ sid: 'session-1', email: 'ada@example.com', name: 'Ada', image: null })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
    .setSubject('user-1')
    .setIssuer(issuer)
    .setAudience(issuer)
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(privateKey);

  console.log(`JWT verification, EdDSA (Ed25519), one core of ${cpus().length} (${cpus()[0]?.model.trim()}), ${durationMs} ms each`);
  const full = await measure('full verification (signature + claims)', durationMs, () => verifier.verify(token));
  const cache = new VerifiedTokenCache<object>(10_000);
  const cached = await measure('verified-token cache hit', durationMs, async () => {
    const hit = cache.get(token);
    if (hit) return hit;
    const claims = await verifier.verify(token);
    cache.set(token, claims, claims.exp * 1000);
    return claims;
  });
  const revocations = new RevocationList(15 * 60 * 1000);
  for (let i = 0; i < REVOKED_SESSIONS; i++) revocations.add('session', `revoked-${i}`);
  const guarded = new VerifiedTokenCache<{ claims: object; sid: string; sub: string }>(10_000);
  const cachedWithRevocationCheck = await measure(`cache hit + revocation check (${REVOKED_SESSIONS.toLocaleString('en-US')} revoked)`, durationMs, async () => {
    let hit = guarded.get(token);
    if (!hit) {
      const claims = await verifier.verify(token);
      hit = { claims, sid: claims.sid!, sub: claims.sub };
      guarded.set(token, hit, claims.exp * 1000);
    }
    if (revocations.isRevoked(hit.sid, hit.sub)) throw new Error('revoked');
    return hit.claims;
  });
  console.log(`cache speed-up: ${(cached / full).toFixed(0)}x`);
  return { full, cached, cachedWithRevocationCheck };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void measureJwtVerification(Number(process.env.BENCH_JWT_MS ?? 3000));
}
