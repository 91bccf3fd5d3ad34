import { beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { createHmac } from 'node:crypto';
import { DomainError } from '../../common/domain-error.js';
import type { AppConfig } from '../../config/app-config.js';
import { TEST_AUTH_SETTINGS } from '../../../test/auth-settings.js';
import { JwtVerifier } from './jwt-verifier.js';

const SETTINGS: AppConfig['auth'] = { ...TEST_AUTH_SETTINGS, jwksUrl: 'http://unused.invalid/jwks' };

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
const now = () => Math.floor(Date.now() / 1000);

describe('JwtVerifier', () => {
  let trusted: KeyPair;
  let other: KeyPair;
  let publicJwk: JWK;
  let verifier: JwtVerifier;

  const sign = (payload: JWTPayload, options: { key?: KeyPair; kid?: string; alg?: string } = {}) =>
    new SignJWT({ email: 'ada@example.com', name: 'Ada', ...payload })
      .setProtectedHeader({ alg: options.alg ?? 'EdDSA', kid: options.kid ?? 'trusted' })
      .setSubject((payload.sub as string) ?? 'user-1')
      .setIssuer((payload.iss as string) ?? SETTINGS.issuer)
      .setAudience((payload.aud as string) ?? SETTINGS.audience)
      .setIssuedAt((payload.iat as number) ?? now())
      .setExpirationTime((payload.exp as number) ?? now() + 600)
      .sign((options.key ?? trusted).privateKey);

  async function rejection(token: string): Promise<DomainError> {
    const error = await verifier.verify(token).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }

  beforeAll(async () => {
    trusted = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    other = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    publicJwk = { ...(await exportJWK(trusted.publicKey)), kid: 'trusted', alg: 'EdDSA' };
    verifier = new JwtVerifier(SETTINGS, createLocalJWKSet({ keys: [publicJwk] }));
  });

  it('accepts a token signed by a trusted key and returns its claims', async () => {
    const claims = await verifier.verify(await sign({}));
    expect(claims).toMatchObject({ sub: 'user-1', email: 'ada@example.com', iss: SETTINGS.issuer });
  });

  it('tolerates small clock skew on iat', async () => {
    await expect(verifier.verify(await sign({ iat: now() + 2, exp: now() + 600 }))).resolves.toMatchObject({ sub: 'user-1' });
  });

  it('accepts a token whose lifetime is exactly the TTL', async () => {
    const iat = now();
    await expect(verifier.verify(await sign({ iat, exp: iat + SETTINGS.jwtTtlSeconds }))).resolves.toMatchObject({ sub: 'user-1' });
  });

  it('tolerates small clock skew on exp', async () => {
    await expect(verifier.verify(await sign({ exp: now() - 2 }))).resolves.toMatchObject({ sub: 'user-1' });
  });

  it.each([
    ['expired', () => sign({ exp: now() - 60, iat: now() - 600 }), 'TOKEN_EXPIRED'],
    ['not yet valid', () => sign({ nbf: now() + 600 }), 'TOKEN_NOT_YET_VALID'],
    ['issued in the future', () => sign({ iat: now() + 60, exp: now() + 600 }), 'TOKEN_NOT_YET_VALID'],
    ['meant to live longer than the configured TTL', () => sign({ iat: now(), exp: now() + SETTINGS.jwtTtlSeconds + 60 }), 'TOKEN_INVALID'],
    ['issued longer ago than the TTL, with a far exp', () => sign({ iat: now() - 86_400, exp: now() + 600 }), 'TOKEN_EXPIRED'],
    ['wrong issuer', () => sign({ iss: 'https://evil.example.com' }), 'TOKEN_WRONG_ISSUER'],
    ['wrong audience', () => sign({ aud: 'https://other-api.example.com' }), 'TOKEN_WRONG_AUDIENCE'],
    ['signed by another key under the trusted kid', () => sign({}, { key: other }), 'TOKEN_BAD_SIGNATURE'],
    ['signed by a key the JWKS does not have', () => sign({}, { key: other, kid: 'unknown' }), 'TOKEN_UNKNOWN_KEY'],
  ] as const)('rejects a token that is %s', async (_label, make, code) => {
    const error = await rejection(await make());
    expect(error.code).toBe(code);
    expect(error.status).toBe(401);
    expect(error.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });

  it('rejects a tampered payload', async () => {
    const [header, , signature] = (await sign({})).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iss: SETTINGS.issuer, aud: SETTINGS.audience, exp: now() + 600, iat: now() })).toString('base64url');
    expect((await rejection(`${header}.${forged}.${signature}`)).code).toBe('TOKEN_BAD_SIGNATURE');
  });

  it('rejects alg "none"', async () => {
    const token = new UnsecuredJWT({ sub: 'user-1' }).setIssuer(SETTINGS.issuer).setAudience(SETTINGS.audience).setIssuedAt().setExpirationTime('10m').encode();
    expect((await rejection(token)).code).toBe('TOKEN_UNSUPPORTED_ALGORITHM');
  });

  it('rejects HS256 signed with the public key as the HMAC secret (algorithm confusion)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'trusted', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'user-1', iss: SETTINGS.issuer, aud: SETTINGS.audience, iat: now(), exp: now() + 600 })).toString('base64url');
    const signature = createHmac('sha256', JSON.stringify(publicJwk)).update(`${header}.${payload}`).digest('base64url');
    expect((await rejection(`${header}.${payload}.${signature}`)).code).toBe('TOKEN_UNSUPPORTED_ALGORITHM');
  });

  it.each([['garbage'], ['a.b.c'], ['eyJhbGciOiJFZERTQSJ9.e30']])('rejects malformed token %s as TOKEN_INVALID', async (token) => {
    expect((await rejection(token)).code).toBe('TOKEN_INVALID');
  });

  it('requires a subject', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: 'trusted' })
      .setIssuer(SETTINGS.issuer)
      .setAudience(SETTINGS.audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(trusted.privateKey);
    expect((await rejection(token)).code).toBe('TOKEN_INVALID');
  });

  it('answers 503, not 401, when the JWKS cannot be fetched', async () => {
    const unreachable = new JwtVerifier({ ...SETTINGS, jwksUrl: 'http://127.0.0.1:9/jwks' });
    const error = await unreachable.verify(await sign({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('SERVICE_UNAVAILABLE');
  });
});
