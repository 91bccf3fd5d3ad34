import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { TEST_ORIGIN, uniqueIp } from '../../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

/** Errors answered by the plugins we host (Better Auth, @fastify/cors) leave in our one JSON error shape. */
describe('one error shape, whoever answers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** node:http rather than fetch, which refuses to send TRACE. */
  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; type: string; body: unknown }>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      const req = httpRequest({ hostname, port, path, method, headers: { origin: TEST_ORIGIN, 'x-forwarded-for': uniqueIp(), ...headers } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: JSON.parse(text || 'null') }));
      });
      req.on('error', reject);
      req.end();
    });

  it.each(['GET', 'POST', 'PUT', 'PROPFIND'])('answers %s to a path Better Auth has no endpoint for with a JSON 404', async (method) => {
    const response = await send(method, '/api/auth/no-such-endpoint');
    expect(response.type).toMatch(/^application\/json/);
    expect(response).toMatchObject({ status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('answers TRACE under /api/auth with a JSON 405, not a 500', async () => {
    const response = await send('TRACE', '/api/auth/get-session');
    expect(response).toMatchObject({ status: 405, body: { statusCode: 405, code: 'METHOD_NOT_ALLOWED' } });
  });

  it('keeps Better Auth’s own code and message, adding the status', async () => {
    const response = await send('POST', '/api/auth/sign-in/email', { 'content-type': 'text/plain' });
    expect(response).toMatchObject({ status: 415, body: { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('text/plain') } });
  });

  it('answers a preflight without Access-Control-Request-Method with a JSON 400', async () => {
    const response = await send('OPTIONS', '/conversations');
    expect(response.type).toMatch(/^application\/json/);
    expect(response).toMatchObject({ status: 400, body: { statusCode: 400, code: 'BAD_REQUEST', message: 'Invalid Preflight Request' } });
  });
});
