import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { signUp, TEST_ORIGIN, uniqueIp } from '../../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

/** One stolen session token must not hand over the user's other sessions. */
describe('session tokens', () => {
  let server: TestServer;
  const get = (path: string, bearer: string) =>
    request(server.url).get(`/api/auth${path}`).set('Origin', TEST_ORIGIN).set('X-Forwarded-For', uniqueIp()).set('Authorization', `Bearer ${bearer}`);

  async function rawTokens(userId: string): Promise<string[]> {
    const client = new pg.Client({ connectionString: server.database.url });
    await client.connect();
    try {
      return (await client.query('SELECT token FROM session WHERE "userId" = $1', [userId])).rows.map((r) => r.token as string);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function userWithTwoSessions() {
    const user = await signUp(server.url);
    const signIn = await request(server.url)
      .post('/api/auth/sign-in/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: user.email, password: user.password })
      .expect(200);
    return { user, secondSession: signIn.headers['set-auth-token'] as string, raw: await rawTokens(user.userId) };
  }

  it('lists the sessions without their tokens', async () => {
    const { user, raw } = await userWithTwoSessions();
    const listed = await get('/list-sessions', user.sessionToken).expect(200);
    expect(listed.body).toHaveLength(2);
    for (const session of listed.body) expect(Object.keys(session)).not.toContain('token');
    for (const token of raw) expect(JSON.stringify(listed.body)).not.toContain(token);
  });

  it('answers get-session without the token', async () => {
    const { user, raw } = await userWithTwoSessions();
    const current = await get('/get-session', user.sessionToken).expect(200);
    expect(current.body.user.id).toBe(user.userId);
    expect(current.body.session).not.toHaveProperty('token');
    for (const token of raw) expect(JSON.stringify(current.body)).not.toContain(token);
  });

  it('accepts only the signed session token as a bearer token, not the raw one', async () => {
    const { user, secondSession, raw } = await userWithTwoSessions();
    for (const token of raw) {
      expect((await get('/token', token)).status).toBe(401);
      expect((await get('/get-session', token).expect(200)).body).toBeNull();
    }
    await get('/token', user.sessionToken).expect(200);
    await get('/token', secondSession).expect(200);
  });
});
