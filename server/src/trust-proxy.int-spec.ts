import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { TEST_ORIGIN, uniqueIp } from '../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../test/test-server.js';

/**
 * Behind a proxy, the client writes the left of X-Forwarded-For and the proxy appends the address
 * it saw. Changing the leftmost entry on every attempt must not reset the sign-in rate limit.
 */
describe.each([
  ['a hop count', '1'],
  ['the proxy address', '127.0.0.1'],
])('TRUST_PROXY as %s', (_label, trustProxy) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: trustProxy });
  });
  afterAll(() => server.close());

  /** A sign-in attempt as our proxy (this test, on 127.0.0.1) forwards it: spoofed entry first, real address last. */
  const attempt = (clientAddress: string) =>
    request(server.url)
      .post('/api/auth/sign-in/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', `${uniqueIp()}, ${clientAddress}`)
      .send({ email: 'nobody@example.com', password: 'wrong password' });

  it('rate-limits a client that changes its leftmost X-Forwarded-For on every attempt', async () => {
    const client = uniqueIp();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(client)).status);
    // Better Auth allows 3 sign-in attempts per address per 10 s.
    expect(statuses).toEqual([401, 401, 401, 429]);
    // The address the proxy saw is what counts: another client still gets its attempts.
    expect((await attempt(uniqueIp())).status).toBe(401);
  });
});
