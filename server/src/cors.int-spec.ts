import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { TEST_ORIGIN } from '../test/auth-helpers.js';
import { signedInClient } from '../test/api-client.js';
import { startTestServer, type TestServer } from '../test/test-server.js';

// The widget runs on the host's origin: every method it uses must pass the preflight, and the
// headers it reads must be exposed.
describe('CORS for the widget', () => {
  let server: TestServer;
  const logLines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({}, { logLines });
  });
  afterAll(() => server.close());

  it.each(['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])('allows %s from an allowed origin', async (method) => {
    const response = await request(server.url)
      .options('/conversations/00000000-0000-4000-8000-000000000000')
      .set('Origin', TEST_ORIGIN)
      .set('Access-Control-Request-Method', method)
      .set('Access-Control-Request-Headers', 'authorization, content-type');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
    expect(response.headers['access-control-allow-methods']).toContain(method);
    expect(response.headers['access-control-allow-headers']).toMatch(/authorization/i);
  });

  it('exposes the headers the widget reads', async () => {
    const client = await signedInClient(server.url);
    const response = await client.get('/conversations').set('Origin', TEST_ORIGIN).expect(200);
    const exposed = response.headers['access-control-expose-headers']!.toLowerCase().split(/\s*,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['retry-after', 'x-request-id', 'set-auth-token', 'www-authenticate']));
  });

  it('gives no CORS grant to other origins', async () => {
    const response = await request(server.url)
      .options('/conversations')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'DELETE');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('logs each refused origin once, naming the setting that would allow it', async () => {
    const refused = 'https://refused-once.example';
    for (let i = 0; i < 3; i++) await request(server.url).options('/conversations').set('Origin', refused).set('Access-Control-Request-Method', 'GET');
    await request(server.url).get('/config').set('Origin', refused).expect(200);
    await request(server.url).get('/config').set('Origin', TEST_ORIGIN).expect(200);
    const warnings = logLines.map((line) => JSON.parse(line) as { level: number; origin?: string; msg: string }).filter((entry) => entry.origin !== undefined);
    expect(warnings).toEqual([expect.objectContaining({ level: 40, origin: refused, msg: expect.stringContaining('ALLOWED_ORIGINS') })]);
  });
});
