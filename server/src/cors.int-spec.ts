import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { TEST_ORIGIN } from '../test/auth-helpers.js';
import { signedInClient } from '../test/api-client.js';
import { startTestServer, type TestServer } from '../test/test-server.js';

// The widget runs on the host's origin: every method it uses must pass the preflight, and the
// headers it reads must be exposed.
describe('CORS for the widget', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it.each(['GET', 'POST', 'PATCH', 'DELETE'])('allows %s from an allowed origin', async (method) => {
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

  it('serves the widget script to an allowed origin (a module script is a CORS request)', async () => {
    const response = await request(server.url).get('/widget/chat-widget.js').set('Origin', TEST_ORIGIN).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
    expect(response.headers['content-type']).toMatch(/javascript/);
  });

  it('gives no CORS grant to other origins', async () => {
    const response = await request(server.url)
      .options('/conversations')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'DELETE');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
