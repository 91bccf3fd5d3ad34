import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { agentEnv } from './agent-under-test.js';
import { auditMessages } from './db-audit.js';
import { percentile, report, tally } from './figures.js';
import { runLoad, type SendResult, sendMessage, signUpUsers } from './load-client.js';

const USERS = 25;
const DURATION_MS = 8_000;

describe('load', () => {
  let server: TestServer;
  let agent: Awaited<ReturnType<typeof agentEnv>>;

  beforeAll(async () => {
    agent = await agentEnv();
    server = await startTestServer({ ...agent.env, AGENT_RATE_LIMIT: '100000', DATABASE_POOL_MAX: '20' });
  });
  afterAll(async () => {
    await server?.close();
    await agent?.stop();
  });

  it('stores every acknowledged message exactly once under many concurrent users, with no 5xx', async () => {
    const clients = await signUpUsers(server.url, USERS);
    // Baseline for reading the figures: one user alone, one message at a time.
    const alone: SendResult[] = [];
    for (let i = 0; i < 20; i++) alone.push(await sendMessage(server.url, clients[0]!.jwt, `baseline ${i}`));
    const started = Date.now();
    const results = await runLoad(server.url, clients, () => Date.now() - started > DURATION_MS);
    const seconds = (Date.now() - started) / 1000;
    const audit = await auditMessages(server.database.url, [...alone, ...results]);
    const latencies = results.filter((r) => r.status === 200).map((r) => r.ms);
    report('load', {
      users: USERS,
      aloneP50Ms: Math.round(percentile(alone.map((r) => r.ms), 50)),
      seconds: Math.round(seconds * 10) / 10,
      sent: alone.length + results.length,
      acknowledged: audit.acknowledged,
      storedUserMessages: audit.storedUserMessages,
      messagesPerSecond: Math.round(results.filter((r) => r.acknowledged).length / seconds),
      byStatus: tally([...alone, ...results].map((r) => r.status)),
      p50Ms: Math.round(percentile(latencies, 50)),
      p95Ms: Math.round(percentile(latencies, 95)),
      missing: audit.missing.length,
      duplicated: audit.duplicated.length,
      miscountedConversations: audit.miscounted.length,
    });
    expect(results.length).toBeGreaterThan(USERS);
    expect([...alone, ...results].filter((r) => r.status >= 500 || r.status === 0)).toEqual([]);
    expect(audit.acknowledged).toBe(alone.length + results.length);
    expect(audit.storedUserMessages).toBe(audit.acknowledged);
    expect(audit).toMatchObject({ missing: [], duplicated: [], miscounted: [] });
  });
});
