import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { storedMessages } from '../../test/agent-run-assertions.js';
import { type FakeAgent, startFakeAgent } from '../../test/fakes/agent-server.js';
import { pacedAgent, pacedAnswer } from '../../test/fakes/paced-agent.js';
import { startPgBouncer, type TestPgBouncer } from '../../test/pgbouncer.js';
import { startServerProcess, type ServerProcess } from '../../test/server-process.js';
import { deltaText, followRunStream, startRunStream } from '../../test/sse-frames.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';

/**
 * Two server processes on one database, A on the direct URL and B behind a real PgBouncer in
 * transaction mode (Neon's pooled URL), B listening on the direct one: a run started on either is
 * followed and stopped from the other, and the runs of a killed instance end `interrupted`.
 */
describe('runs across instances', () => {
  let database: TestDatabase;
  let pgbouncer: TestPgBouncer;
  let agent: FakeAgent;
  let a: ServerProcess;
  let b: ServerProcess;
  let client: SignedInClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    pgbouncer = await startPgBouncer(database.url);
    agent = await startFakeAgent();
    const env = {
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'false',
      AGENT_PROVIDER: 'http',
      AGENT_HTTP_URL: agent.endpoint(pacedAgent).url,
      AGENT_RATE_LIMIT: '1000',
      // A short lease, so a killed instance's runs are taken for dead within seconds.
      RUN_LEASE_SECONDS: '3',
    };
    a = await startServerProcess(env);
    b = await startServerProcess({ ...env, DATABASE_URL: pgbouncer.pooled(database.url), DATABASE_URL_DIRECT: database.url, PUBLIC_URL: a.publicUrl });
    client = await signedInClient(a.url);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await pgbouncer?.stop();
    await agent?.close();
    await database?.drop();
  });

  it.each([
    ['started on A, followed on B (behind PgBouncer)', () => [a, b]],
    ['started on B (behind PgBouncer), followed on A', () => [b, a]],
  ])('follows a run %s: the same frames, live, to the end', async (_label, servers) => {
    const [owner, other] = servers() as [ServerProcess, ServerProcess];
    const started = await startRunStream(owner.url, client.jwt, '[paced 15 30] across');
    const head = await started.until((f) => f.event === 'delta');
    const follower = await followRunStream(other.url, client.jwt, head[0]!.data.runId);
    const [ownerFrames, followed] = await Promise.all([started.rest(), follower.rest()]);
    const all = [...head, ...ownerFrames];
    expect(followed).toEqual(all);
    expect(deltaText(followed)).toBe(pacedAnswer(15));
  });

  it.each([
    ['held by A, stopped from B', () => [a, b]],
    ['held by B, stopped from A', () => [b, a]],
  ])('stops a run %s: every listener on both gets the final `done`, stopped', async (_label, servers) => {
    const [owner, other] = servers() as [ServerProcess, ServerProcess];
    const started = await startRunStream(owner.url, client.jwt, '[paced 400 20] a long one');
    const head = await started.until((f) => f.event === 'delta');
    const { runId, conversation } = head[0]!.data;
    const follower = await followRunStream(other.url, client.jwt, runId);
    const stopped = await request(other.url).post(`/runs/${runId}/stop`).set('Authorization', `Bearer ${client.jwt}`).send({}).expect(200);
    expect(stopped.body.status).toBe('stopped');
    const [ownerFrames, followed] = await Promise.all([started.rest(), follower.rest()]);
    for (const frames of [ownerFrames, followed]) expect(frames.at(-1)).toMatchObject({ event: 'done', data: { message: { status: 'stopped' } } });
    const stored = await storedMessages(database.url, conversation.id);
    expect(stored[1]).toMatchObject({ status: 'stopped', content: deltaText([...head, ...ownerFrames]) });
  });

  it('marks the runs of a killed instance interrupted, keeping every word a client had received', async () => {
    const started = await startRunStream(a.url, client.jwt, '[paced 400 20] cut short');
    const received = await started.until((f) => f.event === 'delta' && f.data.text.trim() === 'w5');
    const { runId, conversation } = received[0]!.data;
    const follower = await followRunStream(b.url, client.jwt, runId);
    await a.stop('SIGKILL');
    received.push(...(await started.rest().catch(() => [])));
    // B takes A's runs for dead once their lease lapses, and its listener gets the final event.
    const followed = await follower.rest();
    expect(followed.at(-1)).toMatchObject({ event: 'error', data: { code: 'RUN_INTERRUPTED' } });
    const run = await request(b.url).get(`/runs/${runId}`).set('Authorization', `Bearer ${client.jwt}`).expect(200);
    expect(run.body.status).toBe('interrupted');
    const stored = await storedMessages(database.url, conversation.id);
    expect(stored[1]!.status).toBe('interrupted');
    expect(stored[1]!.content.startsWith(deltaText(received))).toBe(true);
    expect(stored[1]!.content).toBe(deltaText(followed));
  }, 30_000);
});
