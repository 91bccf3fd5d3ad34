import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { parseSse, signedInClient } from '../test/api-client.js';
import { startServerProcess, type ServerProcess } from '../test/server-process.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { agentEnv, slowMessage } from './agent-under-test.js';
import { report } from './figures.js';

const GRACE_SECONDS = 2;

/** Opens an SSE agent run; `firstDelta` resolves once the answer has started streaming. */
function openStream(url: string, jwt: string, message: string) {
  let started!: () => void;
  const firstDelta = new Promise<void>((resolve) => (started = resolve));
  const finished = (async () => {
    const response = await fetch(`${url}/agents/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message }),
    });
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of response.body!) {
      text += decoder.decode(chunk, { stream: true });
      if (text.includes('event: delta')) started();
    }
    return parseSse(text);
  })();
  return { firstDelta, finished };
}

describe('graceful shutdown (SIGTERM) with answers streaming', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let agent: Awaited<ReturnType<typeof agentEnv>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    agent = await agentEnv();
    server = await startServerProcess({ ...agent.env, DATABASE_URL: database.url, SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await agent?.stop();
    await database?.drop();
  });

  it('stops accepting, lets short answers finish, stores cut ones as interrupted, and exits 0', async () => {
    const client = await signedInClient(server.url);
    const short = [1, 2].map((i) => openStream(server.url, client.jwt, slowMessage(5, `short${i}`)));
    const long = [1, 2, 3].map((i) => openStream(server.url, client.jwt, slowMessage(60, `long${i}`)));
    await Promise.all([...short, ...long].map((s) => s.firstDelta));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const newcomer = await fetch(`${server.url}/health/ready`).then(
      async (r) => ({ status: r.status, code: ((await r.json()) as { code?: string }).code }),
      () => ({ status: 0, code: 'CONNECTION_REFUSED' }),
    );

    const shortEvents = await Promise.all(short.map((s) => s.finished));
    const longEvents = await Promise.all(long.map((s) => s.finished));
    const exitCode = await server.exited;
    const exitedAfterMs = Date.now() - signalledAt;

    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const { rows } = await db.query<{ status: string; content: string; question: string }>(
      `SELECT a.status, a.content, u.content AS question FROM messages a JOIN messages u ON u.id = a.reply_to_id ORDER BY u.content`,
    );
    await db.end();
    const drainLine = server.logs().find((l) => l.msg === 'agent runs drained');
    const drained = drainLine && { finished: drainLine.finished, interrupted: drainLine.interrupted };
    report('graceful shutdown', { graceSeconds: GRACE_SECONDS, exitedAfterMs, exitCode, newcomer, drained });

    expect(newcomer.status === 0 || (newcomer.status === 503 && newcomer.code === 'SHUTTING_DOWN')).toBe(true);
    for (const events of shortEvents) expect(events.at(-1)?.event).toBe('done');
    for (const events of longEvents) {
      expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'SHUTTING_DOWN' } });
      expect(events.some((e) => e.event === 'delta')).toBe(true);
    }
    expect(exitCode).toBe(0);
    expect(exitedAfterMs).toBeLessThan((GRACE_SECONDS + 5) * 1000);
    expect(drained).toMatchObject({ finished: 2, interrupted: 3 });
    const byQuestion = (tag: string) => rows.find((r) => r.question.includes(tag))!;
    for (const tag of ['short1', 'short2']) expect(byQuestion(tag).status).toBe('complete');
    for (const tag of ['long1', 'long2', 'long3']) {
      expect(byQuestion(tag).status).toBe('interrupted');
      // The part streamed before the cut is kept.
      expect(byQuestion(tag).content).toMatch(/^Answer to "\[slow\] long\d/);
    }
  });
});
