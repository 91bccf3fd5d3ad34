import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signedInClient } from '../test/api-client.js';
import { TEST_ORIGIN, uniqueIp } from '../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../test/test-server.js';

function expectHardened(headers: Record<string, string>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
}

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ AGENT_RATE_LIMIT: '1' });
  });
  afterAll(() => server.close());

  it('marks private API answers nosniff, unframable, referrer-free and never cached', async () => {
    const client = await signedInClient(server.url);
    for (const path of ['/users/me', '/conversations']) {
      const response = await client.get(path).set('Origin', TEST_ORIGIN).expect(200);
      expectHardened(response.headers);
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const session = await request(server.url).get('/api/auth/get-session').set('Origin', TEST_ORIGIN).set('Authorization', `Bearer ${client.user.sessionToken}`).expect(200);
    expectHardened(session.headers);
    expect(session.headers['cache-control']).toBe('no-store');
    const refused = await request(server.url).get('/users/me').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('never lets a streamed answer be stored', async () => {
    const client = await signedInClient(server.url);
    const streamed = await client.stream('/agents/run', { message: 'stream me' });
    expect(streamed.status).toBe(200);
    expect(streamed.headers['cache-control']).toMatch(/^no-store\b/);
  });

  it('lets any site load the widget script, cached, and keeps public config cacheable', async () => {
    const script = await request(server.url).get('/widget/chat-widget.js').set('Origin', TEST_ORIGIN).expect(200);
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(script.headers['cache-control']).toBe('public, max-age=300');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    const config = await request(server.url).get('/config').expect(200);
    expect(config.headers['cache-control']).toBe('public, max-age=300');
  });

  it('sends Retry-After and X-Retry-After on Better Auth’s 429, and exposes both to the widget', async () => {
    const ip = uniqueIp();
    const attempt = () =>
      request(server.url)
        .post('/api/auth/sign-in/email')
        .set('Origin', TEST_ORIGIN)
        .set('X-Forwarded-For', ip)
        .send({ email: 'nobody@example.com', password: 'wrong password' });
    let response = await attempt();
    for (let i = 0; i < 5 && response.status !== 429; i++) response = await attempt();
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.headers['x-retry-after']).toBe(response.headers['retry-after']);
    const exposed = response.headers['access-control-expose-headers']!.toLowerCase().split(/\s*,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['retry-after', 'x-retry-after']));
  });

  it('sends both headers on the agent-run 429 too', async () => {
    const client = await signedInClient(server.url);
    await client.post('/agents/run', { message: 'one' }).expect(200);
    const limited = await client.post('/agents/run', { message: 'two' }).set('Origin', TEST_ORIGIN).expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.headers['x-retry-after']).toBe(limited.headers['retry-after']);
  });
});

describe('API docs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ API_DOCS: 'false' });
  });
  afterAll(() => server.close());

  it('are not served when API_DOCS is off (the production default)', async () => {
    await request(server.url).get('/api/docs').expect(404);
    await request(server.url).get('/api/docs/openapi.json').expect(404);
  });
});
