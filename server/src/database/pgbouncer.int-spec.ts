import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signedInClient } from '../../test/api-client.js';
import { TEST_ORIGIN, uniqueIp } from '../../test/auth-helpers.js';
import { startPgBouncer, type TestPgBouncer } from '../../test/pgbouncer.js';
import { expectRevokedWithin } from '../../test/revocation.js';
import { adminQuery, databaseUrl, testPostgres } from '../../test/test-postgres.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

/**
 * Neon's pooled connection string is a PgBouncer in transaction mode: consecutive statements of
 * one client may run on different server connections, and nothing session-scoped survives.
 */
describe('through PgBouncer in transaction pooling mode (Neon pooled URL)', () => {
  let pgbouncer: TestPgBouncer;
  let server: TestServer;
  const name = `pgbouncer_${process.pid}_${Date.now()}`;

  beforeAll(async () => {
    const { adminUrl } = testPostgres();
    // An empty database: the start-up migrations must run on the direct URL, the app on the pooled one.
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    const direct = databaseUrl(adminUrl, name);
    pgbouncer = await startPgBouncer(direct);
    server = await startTestServer(
      // A revocation poll far longer than its deadline: revocations must arrive by LISTEN, on the direct URL.
      { DATABASE_URL: pgbouncer.pooled(direct), DATABASE_URL_DIRECT: direct, MIGRATE_ON_START: 'true', AUTH_REVOCATION_POLL_SECONDS: '300' },
      { database: { name, url: direct, drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) } },
    );
  });
  afterAll(async () => {
    await server?.close();
    await pgbouncer?.stop();
    await server?.database.drop();
  });

  it('signs up, signs in, runs the agent, and serves history, search, rename and delete', async () => {
    const client = await signedInClient(server.url);
    const signIn = await request(server.url)
      .post('/api/auth/sign-in/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: client.user.email, password: client.user.password })
      .expect(200);
    expect(signIn.headers['set-auth-token']).toBeTruthy();

    const clientMessageId = randomUUID();
    const first = await client.post('/agents/run', { message: 'pooled hello', clientMessageId }).expect(200);
    const conversationId = first.body.conversation.id as string;
    expect(first.body.assistantMessage.status).toBe('complete');
    // A retry of the same client message id takes the transaction-scoped advisory lock path.
    const retry = await client.post('/agents/run', { message: 'pooled hello', clientMessageId }).expect(200);
    expect(retry.body.userMessage.id).toBe(first.body.userMessage.id);
    const streamed = await client.stream(`/conversations/${conversationId}/messages`, { message: 'streamed through the pooler' });
    expect(streamed.events.at(-1)?.event).toBe('done');

    const history = await client.get(`/conversations/${conversationId}`).expect(200);
    expect(history.body.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    const found = await client.get('/conversations?q=pooler').expect(200);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    await client.patch(`/conversations/${conversationId}`, { title: 'Renamed' }).expect(200);
    await client.delete(`/conversations/${conversationId}`).expect(204);
    await client.get(`/conversations/${conversationId}`).expect(404);
    await request(server.url).get('/health/ready').expect(200);
  });

  it('ends a JWT when its session signs out (LISTEN runs on the direct connection)', async () => {
    const client = await signedInClient(server.url);
    await client.get('/users/me').expect(200);
    await request(server.url).post('/api/auth/sign-out').set('Origin', TEST_ORIGIN).set('Authorization', `Bearer ${client.user.sessionToken}`).send({}).expect(200);
    await expectRevokedWithin(server.url, client.jwt);
  });

  it('serves concurrent runs of several users', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => signedInClient(server.url)));
    const responses = await Promise.all(
      clients.flatMap((client) => Array.from({ length: 6 }, (_, i) => client.post('/agents/run', { message: `parallel ${i}` }))),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
  });
});
