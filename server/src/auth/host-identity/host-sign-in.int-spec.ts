import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import request from 'supertest';
import { apiClient, guestClient } from '../../../test/api-client.js';
import { fetchJwt, signUp, TEST_ORIGIN } from '../../../test/auth-helpers.js';
import { hostToken, signInHost, TEST_HOST, TEST_HOST_ENV } from '../../../test/host-identity.js';
import { countStatements } from '../../../test/statement-counter.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';
import { PG_POOL } from '../../database/database.module.js';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function expectRefused(response: request.Response, code: string): void {
  expect({ status: response.status, code: response.body.code, statusCode: response.body.statusCode }).toEqual({ status: 401, code, statusCode: 401 });
  expect(response.body.message).toEqual(expect.any(String));
  expect(response.headers['set-auth-token']).toBeUndefined();
  expect(response.headers['set-cookie']).toBeUndefined();
}

describe('POST /api/auth/sign-in/host with a shared secret (HS256)', () => {
  let server: TestServer;
  let pool: Pool;
  beforeAll(async () => {
    server = await startTestServer(TEST_HOST_ENV);
    pool = server.app.get<Pool>(PG_POOL);
  });
  afterAll(() => server.close());

  const sessionCount = async () => Number((await pool.query('SELECT count(*) FROM session')).rows[0].count);

  it('answers a session as set-auth-token, and its API token names the host user', async () => {
    const response = await signInHost(server.url, await hostToken({ sub: 'customer-1', name: 'Ada Lovelace' }));
    expect(response.status).toBe(200);
    const sessionToken = response.headers['set-auth-token'] as string;
    expect(sessionToken).toEqual(expect.any(String));
    expect(response.body.user).toEqual({ id: expect.any(String), name: 'Ada Lovelace' });

    const me = await request(server.url)
      .get('/users/me')
      .set('Authorization', `Bearer ${await fetchJwt(server.url, sessionToken)}`)
      .expect(200);
    expect(me.body.name).toBe('Ada Lovelace');
    // The host's address is not the account's: a placeholder no mail reaches.
    expect(me.body.email).toMatch(/@host\.placeholder\.invalid$/);
    const { rows } = await pool.query(`SELECT "providerId", "accountId" FROM account WHERE "userId" = $1`, [response.body.user.id]);
    expect(rows).toEqual([{ providerId: 'host', accountId: 'customer-1' }]);
  });

  it('lands the same host user on the same chat user every time, and takes a new name from the host', async () => {
    const sub = `customer-${randomUUID()}`;
    const first = await signInHost(server.url, await hostToken({ sub, name: 'Grace' })).expect(200);
    const second = await signInHost(server.url, await hostToken({ sub, name: 'Grace Hopper' })).expect(200);
    const other = await signInHost(server.url, await hostToken({ name: 'Someone else' })).expect(200);
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(second.body.user.name).toBe('Grace Hopper');
    expect(other.body.user.id).not.toBe(first.body.user.id);

    const chatUser = async (sessionToken: string) =>
      (await request(server.url).get('/users/me').set('Authorization', `Bearer ${await fetchJwt(server.url, sessionToken)}`).expect(200)).body.id;
    expect(await chatUser(second.headers['set-auth-token'])).toBe(await chatUser(first.headers['set-auth-token']));
  });

  it('makes one chat user of two first sign-ins of one host user at once', async () => {
    const sub = `customer-${randomUUID()}`;
    const responses = await Promise.all([0, 1, 2].map(async () => signInHost(server.url, await hostToken({ sub }))));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(responses.map((r) => r.body.user.id)).size).toBe(1);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM account WHERE "providerId" = 'host' AND "accountId" = $1`, [sub]);
    expect(rows[0].n).toBe(1);
  });

  it("never signs into a password account that has the address the host asserts", async () => {
    const victim = await signUp(server.url);
    const response = await signInHost(server.url, await hostToken({ email: victim.email, name: victim.name })).expect(200);
    expect(response.body.user.id).not.toBe(victim.userId);
    const { rows } = await pool.query(`SELECT "providerId" FROM account WHERE "userId" = $1`, [victim.userId]);
    expect(rows).toEqual([{ providerId: 'credential' }]);
  });

  it("signs a returning host user in with few statements: the rate limit, the token's id, the user, the session", async () => {
    const statements = countStatements(pool, /auth_revocations/);
    const sub = `customer-${randomUUID()}`;
    await signInHost(server.url, await hostToken({ sub, name: 'Regular' })).expect(200);
    statements.take();
    await signInHost(server.url, await hostToken({ sub, name: 'Regular' })).expect(200);
    // Better Auth's per-address counter (read, write), the token's id spent (and expired ones
    // dropped), the account and its user, the user again (the admin plugin's check for a banned
    // user before a session is made), the session: seven round trips.
    const taken = statements.take();
    expect(taken).toHaveLength(7);
    expect(taken.filter((sql) => /host_token_replays/.test(sql))).toHaveLength(1);
  });

  it('refuses a replayed token, also when both uses arrive at once', async () => {
    const token = await hostToken();
    await signInHost(server.url, token).expect(200);
    expectRefused(await signInHost(server.url, token), 'HOST_TOKEN_REPLAYED');

    const raced = await hostToken();
    const responses = await Promise.all([signInHost(server.url, raced), signInHost(server.url, raced), signInHost(server.url, raced)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    for (const refused of responses.filter((r) => r.status === 401)) expectRefused(refused, 'HOST_TOKEN_REPLAYED');
  });

  it('forgets spent token ids once their tokens have expired', async () => {
    await pool.query(`INSERT INTO host_token_replays (jti_hash, expires_at) VALUES ('expired-long-ago', now() - interval '1 minute')`);
    await signInHost(server.url, await hostToken()).expect(200);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM host_token_replays WHERE expires_at < now()`);
    expect(rows[0].n).toBe(0);
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, string, () => Promise<string>]>([
    ['another audience', 'HOST_TOKEN_WRONG_AUDIENCE', () => hostToken({ aud: 'https://other-chat.example' })],
    ['another issuer', 'HOST_TOKEN_WRONG_ISSUER', () => hostToken({ iss: 'https://evil.example' })],
    ['an expired token', 'HOST_TOKEN_EXPIRED', () => hostToken({ iat: now() - 700, exp: now() - 60 })],
    ['a token that lives over ten minutes', 'HOST_TOKEN_TOO_LONG_LIVED', () => hostToken({ exp: now() + 11 * 60 })],
    ['a token without iat that expires in over ten minutes', 'HOST_TOKEN_TOO_LONG_LIVED', () => hostToken({ iat: undefined, exp: now() + 3600 })],
    ['a token issued in the future', 'HOST_TOKEN_NOT_YET_VALID', () => hostToken({ iat: now() + 120, exp: now() + 300 })],
    ['another key', 'HOST_TOKEN_BAD_SIGNATURE', () => hostToken({}, { secret: 'another-secret-of-enough-length-0123456789' })],
    ['a token without exp', 'HOST_TOKEN_INVALID', () => hostToken({ exp: undefined })],
    ['a token without jti', 'HOST_TOKEN_INVALID', () => hostToken({ jti: undefined })],
    ['a token without sub', 'HOST_TOKEN_INVALID', () => hostToken({ sub: undefined })],
    ['a numeric sub', 'HOST_TOKEN_INVALID', () => hostToken({ sub: 42 })],
    ['alg: none', 'HOST_TOKEN_UNSUPPORTED_ALGORITHM', async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'admin', iss: TEST_HOST.issuer, aud: TEST_HOST.audience, exp: now() + 60, jti: randomUUID() })}.`],
    ['a token over 8 KB', 'HOST_TOKEN_TOO_LARGE', () => hostToken({ name: 'x'.repeat(8 * 1024) })],
    ['not a JWT at all', 'HOST_TOKEN_INVALID', async () => 'not-a-jwt'],
  ])('refuses %s with 401 %s and no session', async (_case, code, token) => {
    const before = await sessionCount();
    expectRefused(await signInHost(server.url, await token()), code);
    expect(await sessionCount()).toBe(before);
  });

  it.each([undefined, '', 42, ['a.b.c'], { token: 'x' }])('answers 400 for a missing or non-string token (%p)', async (token) => {
    const response = await signInHost(server.url, token);
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('is refused from an origin that is not allowed, like every sign-in', async () => {
    const response = await request(server.url)
      .post('/api/auth/sign-in/host')
      .set('Origin', 'https://evil.example')
      .set('Sec-Fetch-Site', 'cross-site')
      .set('Sec-Fetch-Mode', 'cors')
      .send({ token: await hostToken() });
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: 'INVALID_ORIGIN' });
    expect(response.headers['set-auth-token']).toBeUndefined();
  });
});

describe('POST /api/auth/sign-in/host with the host key set (HOST_IDENTITY_JWKS_URL)', () => {
  let server: TestServer;
  let jwks: Server;
  const keys = generateKeyPair('EdDSA', { crv: 'Ed25519' });
  beforeAll(async () => {
    const { publicKey } = await keys;
    const body = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'host-key-1', alg: 'EdDSA', use: 'sig' }] });
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    server = await startTestServer({
      AUTH_MODES: 'host',
      HOST_IDENTITY_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
      HOST_IDENTITY_ISSUER: TEST_HOST.issuer,
      HOST_IDENTITY_AUDIENCE: TEST_HOST.audience,
    });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const signed = async (alg: string, key: Parameters<SignJWT['sign']>[0], kid = 'host-key-1') =>
    new SignJWT({})
      .setProtectedHeader({ alg, kid })
      .setSubject(`customer-${randomUUID()}`)
      .setIssuer(TEST_HOST.issuer)
      .setAudience(TEST_HOST.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(key);

  it('signs in with a token signed by the host key', async () => {
    const response = await signInHost(server.url, await signed('EdDSA', (await keys).privateKey)).expect(200);
    expect(response.headers['set-auth-token']).toEqual(expect.any(String));
  });

  it('refuses an HS256 token (no shared secret is trusted when a key set is configured)', async () => {
    expectRefused(await signInHost(server.url, await hostToken()), 'HOST_TOKEN_UNSUPPORTED_ALGORITHM');
  });

  it('refuses a token signed by another key, under the known and an unknown key id', async () => {
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    expectRefused(await signInHost(server.url, await signed('EdDSA', other.privateKey)), 'HOST_TOKEN_BAD_SIGNATURE');
    expectRefused(await signInHost(server.url, await signed('EdDSA', other.privateKey, 'host-key-2')), 'HOST_TOKEN_UNKNOWN_KEY');
  });

  it('is served to an allowed origin with the session exposed to scripts', async () => {
    const response = await signInHost(server.url, await signed('EdDSA', (await keys).privateKey));
    expect(response.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
    expect(response.headers['access-control-expose-headers']).toMatch(/set-auth-token/i);
  });
});

describe('POST /api/auth/sign-in/host without a host identity configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    // AUTH_MODES without host (the default): the host login is off, whatever else is configured.
    server = await startTestServer({});
  });
  afterAll(() => server.close());

  it('is not there', async () => {
    const response = await signInHost(server.url, await hostToken());
    expect(response.status).toBe(404);
    expect(response.headers['set-auth-token']).toBeUndefined();
  });
});

describe('host sign-ins in the auth event log', () => {
  let server: TestServer;
  const logLines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(TEST_HOST_ENV, { logLines });
  });
  afterAll(() => server.close());

  it('records each success and each refusal with its code, never the token', async () => {
    const token = await hostToken({ sub: 'logged-customer' });
    const signedIn = await signInHost(server.url, token).expect(200);
    await signInHost(server.url, token).expect(401);
    const events = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'auth' && l.method === 'host');
    expect(events.map(({ type, outcome, reason, userId }) => ({ type, outcome, reason, userId }))).toEqual([
      { type: 'sign_in', outcome: 'success', reason: undefined, userId: signedIn.body.user.id },
      { type: 'sign_in', outcome: 'failure', reason: 'HOST_TOKEN_REPLAYED', userId: undefined },
    ]);
    expect(logLines.join('\n')).not.toContain(token.split('.')[2]);
  });
});

describe('a guest identified by the host site (AUTH_MODES=guest,host)', () => {
  let server: TestServer;
  let pool: Pool;
  beforeAll(async () => {
    server = await startTestServer({ ...TEST_HOST_ENV, AUTH_MODES: 'guest,host', GUEST_AGENT_RATE_LIMIT: '1000' });
    pool = server.app.get<Pool>(PG_POOL);
  });
  afterAll(() => server.close());

  it("moves the guest's conversations to the host user when the sign-in carries the guest's session, and deletes the guest", async () => {
    const guest = await guestClient(server.url);
    const asked = (await guest.post('/agents/run', { message: 'Asked as a guest' }).expect(200)).body;

    const response = await signInHost(server.url, await hostToken({ sub: `customer-${randomUUID()}`, name: 'Former guest' }), {
      Authorization: `Bearer ${guest.guest.sessionToken}`,
    }).expect(200);
    const member = apiClient(server.url, await fetchJwt(server.url, response.headers['set-auth-token']));
    const list = await member.get('/conversations').expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([asked.conversation.id]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "user" WHERE id = $1`, [guest.guest.userId])).rows[0].n).toBe(0);
  });

  it("moves nothing when the sign-in does not carry the guest's session", async () => {
    const guest = await guestClient(server.url);
    await guest.post('/agents/run', { message: 'Stays with the guest' }).expect(200);
    const response = await signInHost(server.url, await hostToken()).expect(200);
    const member = apiClient(server.url, await fetchJwt(server.url, response.headers['set-auth-token']));
    expect((await member.get('/conversations').expect(200)).body.items).toEqual([]);
    expect((await guest.get('/conversations').expect(200)).body.items).toHaveLength(1);
  });
});
