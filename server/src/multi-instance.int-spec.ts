import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signedInClient, type SignedInClient } from '../test/api-client.js';
import { fetchJwt, TEST_ORIGIN, uniqueIp } from '../test/auth-helpers.js';
import { expectRevokedWithin } from '../test/revocation.js';
import { startServerProcess, type ServerProcess } from '../test/server-process.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';

/** Two server processes on one database, as two replicas behind a load balancer. */
describe('several instances', () => {
  let database: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  const on = (server: ServerProcess, client: SignedInClient) => ({
    get: (path: string) => request(server.url).get(path).set('Authorization', `Bearer ${client.jwt}`),
    post: (path: string, body: object) => request(server.url).post(path).set('Authorization', `Bearer ${client.jwt}`).send(body),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    // A revocation poll far longer than its deadline: only LISTEN/NOTIFY reaches the other instance in time.
    const env = { DATABASE_URL: database.url, AGENT_RATE_LIMIT: '4', MIGRATE_ON_START: 'false', AUTH_REVOCATION_POLL_SECONDS: '300' };
    a = await startServerProcess(env);
    // Same public URL: tokens name one issuer whichever replica issued them.
    b = await startServerProcess({ ...env, PUBLIC_URL: a.publicUrl });
    // Two full process start-ups: slow on a busy CI machine.
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('serves a user signed in through one instance from the other', async () => {
    const client = await signedInClient(a.url);
    const me = await on(b, client).get('/users/me').expect(200);
    expect(me.body.email).toBe(client.user.email);
    // The session lives in the database: the other instance exchanges it for a JWT too.
    const jwtFromB = await fetchJwt(b.url, client.user.sessionToken);
    await request(a.url).get('/users/me').set('Authorization', `Bearer ${jwtFromB}`).expect(200);
  });

  it('ends a JWT on every instance when its session signs out through one of them', async () => {
    const client = await signedInClient(a.url);
    await on(b, client).get('/users/me').expect(200);
    await request(a.url).post('/api/auth/sign-out').set('Origin', TEST_ORIGIN).set('Authorization', `Bearer ${client.user.sessionToken}`).send({}).expect(200);
    await Promise.all([expectRevokedWithin(b.url, client.jwt), expectRevokedWithin(a.url, client.jwt)]);
  });

  it('shares the per-user agent-run limit between instances', async () => {
    const client = await signedInClient(a.url);
    for (const server of [a, b, a, b]) await on(server, client).post('/agents/run', { message: 'counted' }).expect(200);
    const refused = await on(a, client).post('/agents/run', { message: 'one too many' }).expect(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    await on(b, client).post('/agents/run', { message: 'one too many' }).expect(429);
  });

  it('shares Better Auth’s per-address sign-in limit between instances', async () => {
    const ip = uniqueIp();
    const attempt = (server: ServerProcess) =>
      request(server.url)
        .post('/api/auth/sign-in/email')
        .set('Origin', TEST_ORIGIN)
        .set('X-Forwarded-For', ip)
        .send({ email: 'nobody@example.com', password: 'wrong password' });
    // Better Auth allows 3 sign-in attempts per address per 10 s; the counter is a database row.
    const statuses = [];
    for (const server of [a, b, a, b]) statuses.push((await attempt(server)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('keeps one conversation consistent when both instances write to it at once', async () => {
    const client = await signedInClient(a.url);
    const started = await on(a, client).post('/agents/run', { message: 'start on A' }).expect(200);
    const id = started.body.conversation.id as string;
    const sends = await Promise.all([
      on(a, client).post(`/conversations/${id}/messages`, { message: 'from A' }),
      on(b, client).post(`/conversations/${id}/messages`, { message: 'from B' }),
      on(b, client).post(`/conversations/${id}/messages`, { message: 'from B again' }),
    ]);
    expect(sends.map((s) => s.status)).toEqual([200, 200, 200]);
    const fromA = await on(a, client).get(`/conversations/${id}`).expect(200);
    const fromB = await on(b, client).get(`/conversations/${id}`).expect(200);
    expect(fromB.body).toEqual(fromA.body);
    expect(fromA.body.messages).toHaveLength(8);
    expect(fromA.body.messages.filter((m: { role: string }) => m.role === 'user').map((m: { content: string }) => m.content).sort()).toEqual(
      ['from A', 'from B', 'from B again', 'start on A'],
    );
    const listed = await on(b, client).get('/conversations').expect(200);
    expect(listed.body.items[0]).toMatchObject({ id, messageCount: 8 });
  });
});
