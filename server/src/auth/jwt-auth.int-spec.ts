import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { symmetricEncrypt } from 'better-auth/crypto';
import { decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { fetchJwt, signUp, TEST_ORIGIN, uniqueIp } from '../../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { BetterAuthService } from './better-auth.service.js';

const now = () => Math.floor(Date.now() / 1000);

async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('protected API (global JWT guard)', () => {
  let server: TestServer;
  const logLines: string[] = [];
  /** The server's clock runs this far ahead of the real one. */
  let clockOffsetMs = 0;
  /** Signs with the server's own Better Auth key, so only the claims under test are wrong. */
  let signWithServerKey: (payload: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    server = await startTestServer({}, { logLines, clock: () => Date.now() + clockOffsetMs });
    const { auth } = server.app.get(BetterAuthService);
    signWithServerKey = async (payload) => (await auth.api.signJWT({ body: { payload: { iat: now(), ...payload } } })).token;
  });
  afterAll(() => server.close());

  const me = (authorization?: string) => {
    const req = request(server.url).get('/users/me');
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };

  it('serves GET /users/me to a user signed in through Better Auth', async () => {
    const user = await signUp(server.url, { name: 'Ada Lovelace' });
    const jwt = await fetchJwt(server.url, user.sessionToken);
    const response = await me(`Bearer ${jwt}`).expect(200);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: user.email,
      name: 'Ada Lovelace',
      image: null,
      createdAt: expect.any(String),
    });
  });

  async function expectRejected(authorization: string | undefined, code: string) {
    const response = await me(authorization).expect(401);
    expect(response.body).toEqual({ statusCode: 401, code, message: expect.any(String) });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    if (authorization) expect(JSON.stringify(response.body)).not.toContain(authorization.slice(7, 40) || '\u0000');
  }

  it('rejects a request with no Authorization header', () => expectRejected(undefined, 'TOKEN_MISSING'));
  it('rejects "Bearer" with nothing after it', () => expectRejected('Bearer ', 'TOKEN_MISSING'));
  it('rejects another scheme', () => expectRejected('Basic YWRhOnB3', 'TOKEN_MISSING'));
  it('rejects garbage', () => expectRejected('Bearer not-a-jwt', 'TOKEN_INVALID'));

  it('rejects an expired token', async () => {
    await expectRejected(`Bearer ${await signWithServerKey({ sub: 'u-exp', iat: now() - 3600, exp: now() - 1800 })}`, 'TOKEN_EXPIRED');
  });

  it('rejects a token that is not valid yet', async () => {
    await expectRejected(`Bearer ${await signWithServerKey({ sub: 'u-nbf', nbf: now() + 600 })}`, 'TOKEN_NOT_YET_VALID');
  });

  it('rejects a token from another issuer', async () => {
    await expectRejected(`Bearer ${await signWithServerKey({ sub: 'u-iss', iss: 'https://evil.example.com' })}`, 'TOKEN_WRONG_ISSUER');
  });

  it('rejects a token for another audience', async () => {
    await expectRejected(`Bearer ${await signWithServerKey({ sub: 'u-aud', aud: 'https://other-api.example.com' })}`, 'TOKEN_WRONG_AUDIENCE');
  });

  it('rejects a tampered payload', async () => {
    const [header, , signature] = (await signWithServerKey({ sub: 'u-1' })).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'someone-else', iss: server.config.auth.issuer, aud: server.config.auth.audience, iat: now(), exp: now() + 600 })).toString('base64url');
    await expectRejected(`Bearer ${header}.${forged}.${signature}`, 'TOKEN_BAD_SIGNATURE');
  });

  it('rejects a token signed by a foreign key, whether it claims a known or an unknown kid', async () => {
    const { SignJWT } = await import('jose');
    const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const knownKid = decodeProtectedHeader(await signWithServerKey({ sub: 'x' })).kid!;
    const forge = (kid: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setSubject('u-foreign')
        .setIssuer(server.config.auth.issuer)
        .setAudience(server.config.auth.audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(foreign.privateKey);
    await expectRejected(`Bearer ${await forge(knownKid)}`, 'TOKEN_BAD_SIGNATURE');
    await expectRejected(`Bearer ${await forge('no-such-kid')}`, 'TOKEN_UNKNOWN_KEY');
  });

  it('rejects alg "none" and HS256 keyed with the public JWK', async () => {
    const enc = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = enc({ sub: 'u-none', iss: server.config.auth.issuer, aud: server.config.auth.audience, iat: now(), exp: now() + 600 });
    await expectRejected(`Bearer ${enc({ alg: 'none' })}.${claims}.`, 'TOKEN_UNSUPPORTED_ALGORITHM');

    const jwks = (await request(server.url).get('/api/auth/jwks').expect(200)).body;
    const { createHmac } = await import('node:crypto');
    const header = enc({ alg: 'HS256', kid: jwks.keys[0].kid });
    const signature = createHmac('sha256', JSON.stringify(jwks.keys[0])).update(`${header}.${claims}`).digest('base64url');
    await expectRejected(`Bearer ${header}.${claims}.${signature}`, 'TOKEN_UNSUPPORTED_ALGORITHM');
  });

  it('logs each rejection with its reason and never the token', async () => {
    const token = await signWithServerKey({ sub: 'u-logged', iat: now() - 3600, exp: now() - 1800 });
    await me(`Bearer ${token}`).expect(401);
    const line = logLines.map((l) => JSON.parse(l)).find((l) => l.event === 'auth' && l.type === 'token_rejected' && l.reason === 'TOKEN_EXPIRED');
    expect(line).toMatchObject({ outcome: 'failure' });
    expect(logLines.join('\n')).not.toContain(token);
  });

  it('accepts tokens signed by a newly added key without a restart (key rotation)', async () => {
    const user = await signUp(server.url);
    await me(`Bearer ${await fetchJwt(server.url, user.sessionToken)}`).expect(200); // JWKS now cached

    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = randomUUID();
    await query(
      server.database.url,
      `INSERT INTO jwks (id, "publicKey", "privateKey", "createdAt", alg, crv) VALUES ($1, $2, $3, now(), 'EdDSA', 'Ed25519')`,
      [
        kid,
        JSON.stringify(await exportJWK(publicKey)),
        JSON.stringify(await symmetricEncrypt({ key: server.config.auth.secret, data: JSON.stringify(await exportJWK(privateKey)) })),
      ],
    );
    clockOffsetMs += server.config.auth.jwksCooldownSeconds * 1000; // past the key set's reload cooldown
    const rotated = await fetchJwt(server.url, user.sessionToken);
    expect(decodeProtectedHeader(rotated).kid).toBe(kid);
    await me(`Bearer ${rotated}`).expect(200);
  });

  it('creates exactly one users row when a new user fires ten first requests at once', async () => {
    const user = await signUp(server.url);
    const jwt = await fetchJwt(server.url, user.sessionToken);
    const responses = await Promise.all(Array.from({ length: 10 }, () => me(`Bearer ${jwt}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const rows = await query(server.database.url, 'SELECT id FROM users WHERE auth_subject = $1', [user.userId]);
    expect(rows).toHaveLength(1);
  });

  it('refreshes the profile when a new token carries changed claims', async () => {
    const user = await signUp(server.url, { name: 'Before' });
    await me(`Bearer ${await fetchJwt(server.url, user.sessionToken)}`).expect(200);
    await request(server.url)
      .post('/api/auth/update-user')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ name: 'After' })
      .expect(200);
    const response = await me(`Bearer ${await fetchJwt(server.url, user.sessionToken)}`).expect(200);
    expect(response.body.name).toBe('After');
  });

  it('leaves public routes open', async () => {
    await request(server.url).get('/health/live').expect(200);
  });
});

describe('verifier pointed at an external Better Auth deployment', () => {
  let issuerServer: TestServer;
  let apiServer: TestServer;

  beforeAll(async () => {
    issuerServer = await startTestServer();
    apiServer = await startTestServer({
      AUTH_JWKS_URL: `${issuerServer.url}/api/auth/jwks`,
      AUTH_ISSUER: issuerServer.config.auth.issuer,
      AUTH_AUDIENCE: issuerServer.config.auth.audience,
    });
  });
  afterAll(async () => {
    await apiServer.close();
    await issuerServer.close();
  });

  it("trusts the external deployment's tokens and no longer its own", async () => {
    const external = await signUp(issuerServer.url);
    await request(apiServer.url)
      .get('/users/me')
      .set('Authorization', `Bearer ${await fetchJwt(issuerServer.url, external.sessionToken)}`)
      .expect(200);
    const local = await signUp(apiServer.url);
    const response = await request(apiServer.url)
      .get('/users/me')
      .set('Authorization', `Bearer ${await fetchJwt(apiServer.url, local.sessionToken)}`)
      .expect(401);
    expect(['TOKEN_WRONG_ISSUER', 'TOKEN_UNKNOWN_KEY']).toContain(response.body.code);
  });
});
