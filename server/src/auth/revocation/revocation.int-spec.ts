import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import pg from 'pg';
import request from 'supertest';
import { fetchJwt, signUp, TEST_ORIGIN, type TestUser, uniqueIp } from '../../../test/auth-helpers.js';
import { expectRevokedWithin } from '../../../test/revocation.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

async function sql(url: string, text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

describe('revoking sessions ends their JWTs', () => {
  let server: TestServer;
  const logLines: string[] = [];
  const auth = (path: string, sessionToken: string, body: object = {}) =>
    request(server.url)
      .post(`/api/auth${path}`)
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .set('Authorization', `Bearer ${sessionToken}`)
      .send(body);
  const signIn = async (user: TestUser) => {
    const response = await request(server.url)
      .post('/api/auth/sign-in/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: user.email, password: user.password })
      .expect(200);
    return response.headers['set-auth-token'] as string;
  };
  /** A JWT that has been used once, so the guard's verified-token cache holds it. */
  const usedJwt = async (sessionToken: string) => {
    const jwt = await fetchJwt(server.url, sessionToken);
    await request(server.url).get('/users/me').set('Authorization', `Bearer ${jwt}`).expect(200);
    return jwt;
  };

  beforeAll(async () => {
    // A poll far longer than the deadline: only LISTEN/NOTIFY can meet it.
    server = await startTestServer({ AUTH_REVOCATION_POLL_SECONDS: '300' }, { logLines });
  });
  afterAll(() => server.close());

  it('names the session in the JWT', async () => {
    const user = await signUp(server.url);
    const claims = decodeJwt(await fetchJwt(server.url, user.sessionToken));
    const [session] = await sql(server.database.url, 'SELECT id FROM session WHERE "userId" = $1', [user.userId]);
    expect(claims.sid).toBe(session!.id);
  });

  it('refuses the JWT of a session that signed out', async () => {
    const user = await signUp(server.url);
    const jwt = await usedJwt(user.sessionToken);
    await auth('/sign-out', user.sessionToken).expect(200);
    await expectRevokedWithin(server.url, jwt);
  });

  it('refuses the JWTs of every session after revoke-sessions, and keeps other users signed in', async () => {
    const user = await signUp(server.url);
    const other = await signUp(server.url);
    const laptop = await usedJwt(user.sessionToken);
    const phone = await usedJwt(await signIn(user));
    const bystander = await usedJwt(other.sessionToken);
    await auth('/revoke-sessions', user.sessionToken).expect(200);
    await Promise.all([expectRevokedWithin(server.url, laptop), expectRevokedWithin(server.url, phone)]);
    await request(server.url).get('/users/me').set('Authorization', `Bearer ${bystander}`).expect(200);
  });

  it('refuses the JWTs of every session after a password reset', async () => {
    const user = await signUp(server.url);
    const jwt = await usedJwt(user.sessionToken);
    await request(server.url)
      .post('/api/auth/request-password-reset')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: user.email, redirectTo: `${TEST_ORIGIN}/reset` })
      .expect(200);
    // Development mail goes to the log (no SMTP_URL).
    const mail = logLines.find((l) => l.includes('Reset your password') && l.includes(user.email));
    const resetToken = /\/reset-password\/(\S+?)\?callbackURL=/.exec(JSON.parse(mail!).msg)![1]!;
    await request(server.url)
      .post('/api/auth/reset-password')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ token: resetToken, newPassword: 'a brand new password' })
      .expect(200);
    await expectRevokedWithin(server.url, jwt);
  });

  it('refuses the JWT of a user deleted from the database, so a deleted account cannot run the agent', async () => {
    const user = await signUp(server.url);
    const jwt = await usedJwt(user.sessionToken);
    await sql(server.database.url, 'DELETE FROM "user" WHERE id = $1', [user.userId]);
    await expectRevokedWithin(server.url, jwt);
    const run = await request(server.url).post('/agents/run').set('Authorization', `Bearer ${jwt}`).send({ message: 'still here?' });
    expect(run.status).toBe(401);
  });

  it('still refuses within the deadline after the listening connection was cut', async () => {
    await sql(server.database.url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`);
    const user = await signUp(server.url);
    const jwt = await usedJwt(user.sessionToken);
    await auth('/sign-out', user.sessionToken).expect(200);
    await expectRevokedWithin(server.url, jwt);
    expect(logLines.some((l) => l.includes('notification listener lost its connection'))).toBe(true);
  });

  it('knows, from its first request, what was revoked before it started', async () => {
    const user = await signUp(server.url);
    const jwt = await fetchJwt(server.url, user.sessionToken);
    await auth('/sign-out', user.sessionToken).expect(200);
    const late = await startTestServer({ AUTH_REVOCATION_POLL_SECONDS: '300', PUBLIC_URL: server.url }, { database: server.database });
    try {
      const response = await request(late.url).get('/users/me').set('Authorization', `Bearer ${jwt}`).expect(401);
      expect(response.body.code).toBe('TOKEN_REVOKED');
    } finally {
      await late.close();
    }
  });
});
