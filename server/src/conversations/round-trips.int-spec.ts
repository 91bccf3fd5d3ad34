import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Pool } from 'pg';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { type FakeAgent, startFakeAgent } from '../../test/fakes/agent-server.js';
import { openEventStream, writeEvent } from '../../test/fakes/loopback-server.js';
import { countStatements, type StatementCounter } from '../../test/statement-counter.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { PG_POOL } from '../database/database.module.js';

/** The targets of issue 17: statements before the first streamed byte, and after the agent is done. */
const BEFORE_FIRST_BYTE = 4;
const AFTER_AGENT = 2;

/**
 * How many SQL statements the hot paths send, counted at the app's pool, so a change that adds a
 * round trip fails here rather than in a benchmark. The agent is a real HTTP agent that holds its
 * answer until the test has counted what was sent before it was called.
 */
describe('statements per request', () => {
  let agent: FakeAgent;
  let server: TestServer;
  let client: SignedInClient;
  let statements: StatementCounter;
  let agentCalled: () => void;
  let answer: () => void;

  beforeAll(async () => {
    agent = await startFakeAgent();
    const route = agent.endpoint(async (request, response) => {
      agentCalled();
      await new Promise<void>((resolve) => (answer = resolve));
      openEventStream(response);
      // `[many]`: an answer in 200 small pieces, streamed as fast as a model could.
      if ((request.body as { message: string }).message.startsWith('[many]')) {
        for (let i = 0; i < 200; i++) writeEvent(response, JSON.stringify({ text: `p${i} ` }), 'delta');
      } else writeEvent(response, JSON.stringify({ text: 'An answer.' }), 'delta');
      writeEvent(response, '{}', 'done');
      response.end();
    });
    server = await startTestServer({ AGENT_PROVIDER: 'http', AGENT_HTTP_URL: route.url, AGENT_RATE_LIMIT: '1000' });
    client = await signedInClient(server.url);
    // The revocation feed's poll and the runs' lease upkeep run on timers, whatever the requests do.
    statements = countStatements(server.app.get<Pool>(PG_POOL), /auth_revocations|runs:upkeep/);
    // A token's first use verifies it and creates the users row; later requests find it cached.
    await client.get('/users/me').expect(200);
  });
  afterAll(async () => {
    await server.close();
    await agent.close();
  });
  beforeEach(() => {
    statements.take();
  });

  /** Runs the agent, returning the statements sent before it was called and after it answered. */
  async function countedRun(path: string, body: { message: string; clientMessageId?: string }, content = 'An answer.'): Promise<{ before: string[]; after: string[]; conversationId: string }> {
    const called = new Promise<void>((resolve) => (agentCalled = resolve));
    const response = client.post(path, body).then((r) => r);
    await called;
    const before = statements.take();
    answer();
    const result = await response;
    expect(result.status).toBe(200);
    expect(result.body.assistantMessage).toMatchObject({ status: 'complete', content });
    return { before, after: statements.take(), conversationId: result.body.conversation.id };
  }

  it('starts a conversation in at most 4 statements before the agent, and stores the answer in at most 2', async () => {
    const { before, after } = await countedRun('/agents/run', { message: 'Hello there', clientMessageId: crypto.randomUUID() });
    expect(before.length).toBeGreaterThan(0);
    expect(before.slice(BEFORE_FIRST_BYTE)).toEqual([]);
    expect(after.length).toBeGreaterThan(0);
    expect(after.slice(AFTER_AGENT)).toEqual([]);
  });

  it('continues a conversation (with its history) in at most 4 statements before the agent, and 2 after', async () => {
    const first = await countedRun('/agents/run', { message: 'First question' });
    const { before, after } = await countedRun(`/conversations/${first.conversationId}/messages`, { message: 'Second question', clientMessageId: crypto.randomUUID() });
    expect(before.length).toBeGreaterThan(0);
    expect(before.slice(BEFORE_FIRST_BYTE)).toEqual([]);
    expect(after.slice(AFTER_AGENT)).toEqual([]);
  });

  it('stores a fast answer of 200 pieces in a few batched writes of its events, not one statement per piece', async () => {
    const content = Array.from({ length: 200 }, (_, i) => `p${i} `).join('');
    const { after } = await countedRun('/agents/run', { message: '[many] pieces' }, content);
    const eventWrites = after.filter((statement) => statement.includes('run_events'));
    expect(eventWrites.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThanOrEqual(5);
  });

  it('reads a conversation with a page of its messages in one statement, and the list in one', async () => {
    const { conversationId } = await countedRun('/agents/run', { message: 'Something to read back' });
    statements.take();
    const page = await client.get(`/conversations/${conversationId}?limit=1`).expect(200);
    expect(statements.take()).toHaveLength(1);
    await client.get(`/conversations/${conversationId}?limit=1&cursor=${page.body.nextCursor}`).expect(200);
    expect(statements.take()).toHaveLength(1);
    await client.get('/conversations').expect(200);
    expect(statements.take()).toHaveLength(1);
  });
});
