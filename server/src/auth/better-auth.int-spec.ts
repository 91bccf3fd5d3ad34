import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import pg from 'pg';
import request from 'supertest';
import { fetchJwt, signUp, TEST_ORIGIN, uniqueEmail, uniqueIp } from '../../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

describe('Better Auth hosted under /api/auth', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('signs up, signs in, and issues an EdDSA JWT that verifies against the JWKS', async () => {
    const user = await signUp(server.url);
    const signIn = await request(server.url)
      .post('/api/auth/sign-in/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: user.email, password: user.password })
      .expect(200);
    const sessionToken = signIn.headers['set-auth-token'];
    expect(sessionToken).toEqual(expect.any(String));

    const jwt = await fetchJwt(server.url, sessionToken);
    expect(decodeProtectedHeader(jwt).alg).toBe('EdDSA');
    const jwks = (await request(server.url).get('/api/auth/jwks').expect(200)).body;
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
      issuer: server.config.auth.issuer,
      audience: server.config.auth.audience,
      algorithms: ['EdDSA'],
    });
    expect(payload.sub).toBe(user.userId);
    expect(payload.email).toBe(user.email);
    expect(payload.exp! - payload.iat!).toBe(server.config.auth.jwtTtlSeconds);
    // Trimmed payload: only identity claims and the session, not the whole user row.
    expect(Object.keys(payload).sort()).toEqual(['aud', 'email', 'emailVerified', 'exp', 'iat', 'image', 'isAnonymous', 'iss', 'name', 'role', 'sid', 'sub']);
  });

  it('exposes the bearer token header to cross-origin scripts', async () => {
    const response = await request(server.url)
      .post('/api/auth/sign-up/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: uniqueEmail(), password: 'long enough password', name: 'Cors' })
      .expect(200);
    expect(response.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
    expect(response.headers['access-control-expose-headers']).toContain('set-auth-token');
  });

  it('refuses sign-up from an origin that is not allowed', async () => {
    const response = await request(server.url)
      .post('/api/auth/sign-up/email')
      .set('Origin', 'https://evil.example')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: uniqueEmail(), password: 'long enough password', name: 'Evil' })
      .expect(403);
    expect(response.body.code).toBe('INVALID_ORIGIN');
  });

  it('rejects a wrong password and a too-short one with JSON errors', async () => {
    const user = await signUp(server.url);
    const wrong = await request(server.url)
      .post('/api/auth/sign-in/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: user.email, password: 'not the password' })
      .expect(401);
    expect(wrong.body.code).toBe('INVALID_EMAIL_OR_PASSWORD');
    const short = await request(server.url)
      .post('/api/auth/sign-up/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: uniqueEmail(), password: 'short', name: 'Short' })
      .expect(400);
    expect(short.body.code).toBe('PASSWORD_TOO_SHORT');
  });

  it('rate-limits repeated sign-in attempts from one client address, with Retry-After', async () => {
    const user = await signUp(server.url);
    const ip = uniqueIp();
    const attempt = () =>
      request(server.url)
        .post('/api/auth/sign-in/email')
        .set('Origin', TEST_ORIGIN)
        .set('X-Forwarded-For', ip)
        .send({ email: user.email, password: 'wrong password!' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await attempt()).headers['x-retry-after']).toMatch(/^\d+$/);
    // Another client is not affected.
    await request(server.url)
      .post('/api/auth/sign-in/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: user.email, password: user.password })
      .expect(200);
  });

  it('keeps exactly one signing key however many first token requests race', async () => {
    const users = await Promise.all([1, 2, 3].map(() => signUp(server.url)));
    const tokens = await Promise.all(users.flatMap((u) => [fetchJwt(server.url, u.sessionToken), fetchJwt(server.url, u.sessionToken)]));
    expect(new Set(tokens.map((t) => decodeProtectedHeader(t).kid)).size).toBe(1);
    const client = new pg.Client({ connectionString: server.database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM jwks');
      expect(rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });
});
