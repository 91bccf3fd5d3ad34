import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { fetchJwt, signUp, TEST_ORIGIN, uniqueIp, type TestUser } from '../../test/auth-helpers.js';
import { queryRows } from '../../test/test-database.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

// What a thief gets from a stolen API JWT or from a read of the database (docs/security.md).
describe('stolen credentials', () => {
  let server: TestServer;
  let user: TestUser;
  let jwt: string;
  beforeAll(async () => {
    server = await startTestServer();
    user = await signUp(server.url);
    jwt = await fetchJwt(server.url, user.sessionToken);
  });
  afterAll(() => server.close());

  const auth = (method: 'get' | 'post', path: string, bearer: string) =>
    request(server.url)[method](`/api/auth${path}`).set('Origin', TEST_ORIGIN).set('X-Forwarded-For', uniqueIp()).set('Authorization', `Bearer ${bearer}`);

  const query = (sql: string, params: unknown[]) => queryRows(server.database.url, sql, params);

  it('a JWT opens the chat API only: it mints no new JWT and manages nothing under /api/auth', async () => {
    await request(server.url).get('/users/me').set('Authorization', `Bearer ${jwt}`).expect(200);
    // No refresh: the thief's access ends with the token's lifetime (or its session's revocation).
    expect((await auth('get', '/token', jwt)).status).toBe(401);
    expect((await auth('get', '/get-session', jwt).expect(200)).body).toBeNull();
    expect((await auth('get', '/list-sessions', jwt)).status).toBe(401);
    expect((await auth('post', '/revoke-sessions', jwt).send({})).status).toBe(401);
    expect((await auth('post', '/update-user', jwt).send({ name: 'Thief' })).status).toBe(401);
    expect((await auth('post', '/change-password', jwt).send({ currentPassword: user.password, newPassword: 'the thief’s password' })).status).toBe(401);
    // The user's own session is untouched.
    expect((await auth('get', '/get-session', user.sessionToken).expect(200)).body.user.name).toBe(user.name);
  });

  it('the database holds no usable password and no usable signing key', async () => {
    const [account] = await query(`SELECT password FROM account WHERE "userId" = $1 AND "providerId" = 'credential'`, [user.userId]);
    expect(account.password).not.toContain(user.password);
    expect(account.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // salt:scrypt hash
    const keys = await query('SELECT "privateKey" FROM jwks', []);
    expect(keys.length).toBeGreaterThan(0);
    // Encrypted with BETTER_AUTH_SECRET: no JWK (with its private "d") to sign tokens with.
    for (const { privateKey } of keys) {
      expect(privateKey).not.toMatch(/"d"\s*:/);
      expect(privateKey).toMatch(/^"?[0-9a-f]{64,}"?$/);
    }
  });
});
