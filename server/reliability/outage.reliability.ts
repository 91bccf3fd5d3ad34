import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js';
import { runMigrations } from '../src/database/run-migrations.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { agentEnv } from './agent-under-test.js';
import { auditMessages } from './db-audit.js';
import { report, tally } from './figures.js';
import { runLoad, type SendResult, signUpUsers } from './load-client.js';

const USERS = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A PostgreSQL of its own, which this test stops and starts while the server is under load. */
describe('database outage under load', () => {
  let dir: string;
  let postgres: EmbeddedDatabase;
  let server: TestServer;
  let agent: Awaited<ReturnType<typeof agentEnv>>;
  const logLines: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chat-widget-outage-'));
    await chmod(dir, 0o755);
    postgres = await startEmbeddedPostgres({ dir: join(dir, 'data') });
    await runMigrations(postgres.url);
    agent = await agentEnv();
    server = await startTestServer(
      { ...agent.env, AGENT_RATE_LIMIT: '100000' },
      { database: { name: 'chat', url: postgres.url, drop: async () => undefined }, logLines },
    );
  });
  afterAll(async () => {
    await server?.close();
    await agent?.stop();
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 DATABASE_UNAVAILABLE while the database is down, recovers without a restart, and loses nothing acknowledged', async () => {
    const clients = await signUpUsers(server.url, USERS);
    let stopLoad = false;
    const load = runLoad(server.url, clients, () => stopLoad);

    await sleep(2_000);
    const downAt = Date.now();
    await postgres.stop();
    await sleep(500);
    const readyWhileDown = await fetch(`${server.url}/health/ready`);
    const readyBody = await readyWhileDown.json();
    const liveWhileDown = await fetch(`${server.url}/health/live`);
    await sleep(2_500);

    await postgres.start();
    const upAt = Date.now();
    let readyAt = 0;
    while (!readyAt && Date.now() - upAt < 30_000) {
      if ((await fetch(`${server.url}/health/ready`)).status === 200) readyAt = Date.now();
      else await sleep(100);
    }
    await sleep(3_000);
    stopLoad = true;
    const results: SendResult[] = await load;

    const during = results.filter((r) => r.status !== 200);
    const audit = await auditMessages(postgres.url, results);
    report('database outage', {
      users: USERS,
      outageSeconds: Math.round((upAt - downAt) / 100) / 10,
      sent: results.length,
      acknowledged: audit.acknowledged,
      storedUserMessages: audit.storedUserMessages,
      byStatus: tally(results.map((r) => r.status)),
      errorCodes: tally(during.map((r) => r.code ?? 'none')),
      slowestRefusalMs: Math.round(Math.max(0, ...during.map((r) => r.ms))),
      readinessRecoveredMsAfterDatabaseStart: readyAt - upAt,
      missing: audit.missing.length,
      duplicated: audit.duplicated.length,
      miscountedConversations: audit.miscounted.length,
    });

    expect(readyWhileDown.status).toBe(503);
    expect(readyBody).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(liveWhileDown.status).toBe(200);
    expect(readyAt).toBeGreaterThan(0);
    // Refused clearly and quickly: no hangs (client timeouts), no 500s, no dropped connections.
    expect(results.filter((r) => r.status !== 200 && r.status !== 503)).toEqual([]);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((r) => r.code === 'DATABASE_UNAVAILABLE')).toBe(true);
    // Back to normal after the outage, without restarting the server.
    const after = results.slice(-clients.length * 2);
    expect(after.some((r) => r.status === 200)).toBe(true);
    expect(audit).toMatchObject({ missing: [], duplicated: [], miscounted: [] });
    // An outage of a dependency is a warning, not an error of ours.
    const logs = logLines.map((l) => JSON.parse(l) as { level: number; code?: string; msg: string });
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(logs.some((l) => l.level === 40 && l.code === 'DATABASE_UNAVAILABLE')).toBe(true);
    expect(audit.storedUserMessages).toBeGreaterThanOrEqual(audit.acknowledged);
  });
});
