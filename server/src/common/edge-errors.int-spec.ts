import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signedInClient } from '../../test/api-client.js';
import { TEST_ORIGIN, uniqueIp } from '../../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

/** Requests refused before any handler runs still get the JSON error shape, never a 500. */
describe('errors at the edge', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, 'x-forwarded-for': uniqueIp(), ...headers },
      body,
    });

  it.each(['/agents/run', '/api/auth/sign-in/email'])('refuses absurdly deep JSON on %s with 400 instead of overflowing the stack', async (path) => {
    const response = await post(path, '['.repeat(10_000) + ']'.repeat(10_000));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('nested more than 32 levels') });
  });

  it('answers headers over Node’s 16 KB limit with 431 in the JSON error shape', async () => {
    const response = await fetch(`${server.url}/health/live`, { headers: { authorization: `Bearer ${'a'.repeat(20_000)}` } });
    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({ statusCode: 431, code: 'HEADERS_TOO_LARGE', message: 'Request Header Fields Too Large' });
  });

  it('hands a JSON string body to Better Auth as JSON, so it is refused as a bad request', async () => {
    const response = await post('/api/auth/sign-out', '"message"');
    expect(response.status).toBeLessThan(500);
  });

  it('accepts DELETE with content-type: application/json and no body, as generated clients send it', async () => {
    const client = await signedInClient(server.url);
    const started = await client.post('/agents/run', { message: 'to be deleted' }).expect(200);
    const id = started.body.conversation.id as string;
    const response = await fetch(`${server.url}/conversations/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${client.jwt}`, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(204);
    await client.get(`/conversations/${id}`).expect(404);
  });

  it('still refuses an empty JSON body on POST, where a body is expected', async () => {
    const response = await post('/agents/run', '');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: expect.any(String) });
  });
});
