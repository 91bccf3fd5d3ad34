import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signUp, TEST_ORIGIN, uniqueIp, type TestUser } from '../../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

// Another site's page must not sign a visitor in (or into the attacker's account) through the
// visitor's browser: Better Auth checks the Origin (or Referer) of every sign-in against
// trustedOrigins, which is our ALLOWED_ORIGINS plus the API's own origin.
describe('sign-in from an origin that is not allowed', () => {
  let server: TestServer;
  let user: TestUser;
  beforeAll(async () => {
    // GitHub is configured so that the popup route is live; nothing here reaches GitHub.
    server = await startTestServer({ GITHUB_CLIENT_ID: 'test-client', GITHUB_CLIENT_SECRET: 'test-secret' });
    user = await signUp(server.url);
  });
  afterAll(() => server.close());

  const signIn = (headers: Record<string, string>) => {
    const call = request(server.url).post('/api/auth/sign-in/email').set('X-Forwarded-For', uniqueIp());
    for (const [name, value] of Object.entries(headers)) void call.set(name, value);
    return call.send({ email: user.email, password: user.password });
  };

  const expectRefused = (response: request.Response, code: string, status = 403) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['set-auth-token']).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  };

  it('signs in from an allowed origin (the same request, for contrast)', async () => {
    const response = await signIn({ Origin: TEST_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers['set-auth-token']).toEqual(expect.any(String));
  });

  // Look-alikes of the allowed http://host.test: another host, a suffix, another port, another scheme.
  it.each(['https://evil.example', 'http://host.test.evil.example', 'http://evilhost.test', 'http://host.test:8080', 'https://host.test'])(
    'refuses the right password sent from %s',
    async (origin) => {
      expectRefused(await signIn({ Origin: origin, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors' }), 'INVALID_ORIGIN');
    },
  );

  it('refuses a sign-in whose only trace of its page is a foreign Referer', async () => {
    expectRefused(await signIn({ Referer: 'https://evil.example/login' }), 'INVALID_ORIGIN');
  });

  it('refuses an opaque origin (a sandboxed frame or a data: page)', async () => {
    expectRefused(await signIn({ Origin: 'null', 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors' }), 'MISSING_OR_NULL_ORIGIN');
  });

  // A page on another site can post a form to us: urlencoded, or text/plain shaped into JSON
  // (`<input name='{"email":"…","password":"…","x":"' value='"}'>`). Browsers mark it cross-site.
  it.each([
    ['application/x-www-form-urlencoded', () => new URLSearchParams({ email: user.email, password: user.password }).toString()],
    ['text/plain', () => `{"email":${JSON.stringify(user.email)},"password":${JSON.stringify(user.password)},"x":"="}`],
  ])('refuses a %s form posted from another site (login CSRF)', async (type, body) => {
    const response = await request(server.url)
      .post('/api/auth/sign-in/email')
      .set('X-Forwarded-For', uniqueIp())
      .set('Origin', 'https://evil.example')
      .set('Sec-Fetch-Site', 'cross-site')
      .set('Sec-Fetch-Mode', 'navigate')
      .set('Sec-Fetch-Dest', 'document')
      .set('Content-Type', type)
      .send(body());
    // Better Auth takes no text/plain body at all.
    expectRefused(response, type === 'text/plain' ? 'UNSUPPORTED_MEDIA_TYPE' : 'CROSS_SITE_NAVIGATION_LOGIN_BLOCKED', type === 'text/plain' ? 415 : 403);
  });

  it('signs in with a form posted from an allowed origin (the same body, for contrast)', async () => {
    const response = await request(server.url)
      .post('/api/auth/sign-in/email')
      .set('X-Forwarded-For', uniqueIp())
      .set('Origin', TEST_ORIGIN)
      .type('form')
      .send({ email: user.email, password: user.password });
    expect(response.status).toBe(200);
    expect(response.headers['set-auth-token']).toEqual(expect.any(String));
  });

  it('refuses to start a social sign-in popup that would post its session to another origin', async () => {
    const start = (popupOrigin: string) =>
      request(server.url).get('/api/auth/oauth-popup/start').set('X-Forwarded-For', uniqueIp()).query({ provider: 'github', popupOrigin, popupNonce: '0'.repeat(32) });
    expectRefused(await start('https://evil.example'), 'INVALID_ORIGIN');
    // The allowed origin goes on to the provider.
    const allowed = await start(TEST_ORIGIN);
    expect(allowed.status).toBe(302);
    expect(new URL(allowed.headers.location!).host).toBe('github.com');
  });
});
