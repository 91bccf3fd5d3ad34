import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signedInClient } from '../../test/api-client.js';
import { TEST_ORIGIN, uniqueIp } from '../../test/auth-helpers.js';
import { type FakeOpenAi, startFakeOpenAi } from '../../test/fakes/openai-server.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

const METRICS_TOKEN = 'metrics-test-token-0123456789';

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && wanted.every((w) => l.includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('metrics', () => {
  let server: TestServer;
  let openAi: FakeOpenAi;
  const logLines: string[] = [];
  const scrape = async () => (await request(server.url).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    openAi = await startFakeOpenAi();
    server = await startTestServer({ METRICS_TOKEN, AGENT_PROVIDER: 'openai', OPENAI_BASE_URL: openAi.baseUrl, OPENAI_MODEL: 'fake-model' }, { logLines });
  });
  afterAll(async () => {
    await server.close();
    await openAi.close();
  });

  it('refuses a scrape without the metrics token, with the JSON error shape', async () => {
    const missing = await request(server.url).get('/metrics').expect(401);
    expect(missing.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    await request(server.url).get('/metrics').set('Authorization', 'Bearer wrong-token').expect(401);
  });

  it('counts requests by route template, auth events, agent runs and time to first token', async () => {
    const client = await signedInClient(server.url);
    const run = await client.post('/agents/run', { message: 'hello' }).expect(200);
    await client.get(`/conversations/${run.body.conversation.id}`).expect(200);
    await client.stream('/agents/run', { message: 'streamed' });
    await client.post('/agents/run', { message: 'please [fail]' }).expect(200);
    await request(server.url)
      .post('/api/auth/sign-in/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: client.user.email, password: 'wrong password!' })
      .expect(401);

    const text = await scrape();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    // The template, not the id: one series per route whatever the ids.
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/conversations/:id', status: '200' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/agents/run', status: '200' })).toBe(3);
    expect(sample(text, 'auth_events_total', { type: 'sign_up', outcome: 'success' })).toBe(1);
    expect(sample(text, 'auth_events_total', { type: 'sign_in', outcome: 'failure' })).toBe(1);
    expect(sample(text, 'agent_runs_total', { provider: 'openai', outcome: 'complete' })).toBe(2);
    expect(sample(text, 'agent_runs_total', { provider: 'openai', outcome: 'error' })).toBe(1);
    expect(sample(text, 'agent_time_to_first_token_seconds_count', { provider: 'openai' })).toBe(2);
    expect(sample(text, 'db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(sample(text, 'db_pool_connections', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'db_pool_max_connections')).toBe(server.config.database.poolMax);
    // Every run is over and nobody listens any more.
    expect(sample(text, 'agent_runs_live', { kind: 'running' })).toBe(0);
    expect(sample(text, 'agent_runs_live', { kind: 'listeners' })).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('labels unmatched paths with one fixed route, so scanners cannot grow the series', async () => {
    await request(server.url).get(`/wp-admin/${Date.now()}`).expect(404);
    const text = await scrape();
    expect(sample(text, 'http_request_duration_seconds_count', { route: '(unmatched)', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('/wp-admin/');
  });

  it('keeps each app’s counts apart from another app in the same process', async () => {
    const other = await startTestServer();
    try {
      const text = (await request(other.url).get('/metrics').expect(200)).text;
      expect(sample(text, 'auth_events_total', { type: 'sign_up', outcome: 'success' })).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('writes the request id on every log line written while serving a request', async () => {
    logLines.length = 0;
    await request(server.url)
      .post('/api/auth/sign-in/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .set('X-Request-Id', 'trace-sign-in-42')
      .send({ email: 'nobody@example.com', password: 'wrong password!' })
      .expect(401);
    const lines = logLines.map((l) => JSON.parse(l));
    const authLine = lines.find((l) => l.event === 'auth' && l.type === 'sign_in');
    expect(authLine).toMatchObject({ requestId: 'trace-sign-in-42', outcome: 'failure' });
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ requestId: 'trace-sign-in-42', route: '/api/auth/*', status: 401 });
  });
});
