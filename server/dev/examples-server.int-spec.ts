import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { decodeJwt, jwtVerify } from 'jose';
import pino from 'pino';
import { projectRoot } from '../src/common/project-root.js';
import { createExamplesApp, defaultExamplesDirs } from './examples-server.js';

const API_URL = 'http://api.test:3000';

/** A GET with the path sent exactly as written: fetch() would normalise `/./` away before sending. */
function rawGet(base: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('examples server', () => {
  const app = createExamplesApp({ apiUrl: API_URL, ...defaultExamplesDirs(projectRoot()), logger: pino({ level: 'silent' }) });
  let base = '';

  beforeAll(async () => {
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(() => app.close());

  // Each spelling reaches examples/strict-csp/index.html; the page must never go out without its policy.
  it.each(['/strict-csp/', '/strict-csp/index.html', '//strict-csp/', '/./strict-csp/', '/%73trict-csp/', '/plain-html/../strict-csp/'])(
    'serves the strict-CSP page requested as %s with its policy',
    async (path) => {
      const response = await rawGet(base, path);
      expect(response.status).toBe(200);
      expect(response.body).toContain(API_URL);
      expect(response.headers['content-security-policy']).toContain(`script-src 'self' ${API_URL}`);
    },
  );

  it('gives the other examples no policy', async () => {
    const response = await rawGet(base, '/plain-html/');
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toBeUndefined();
  });
});

describe('the host-login example site', () => {
  const identity = { secret: 'examples-host-secret-0123456789abcdef', issuer: 'http://shop.test', audience: API_URL };
  const app = createExamplesApp({ apiUrl: API_URL, ...defaultExamplesDirs(projectRoot()), hostIdentity: identity, logger: pino({ level: 'silent' }) });
  let base = '';
  beforeAll(async () => {
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  const post = (path: string, body: string, cookie = '') =>
    fetch(base + path, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body });

  it('logs in with a form, hands the logged-in user a one-use identity token for the chat server, and nothing after log-out', async () => {
    expect(await (await fetch(`${base}/host-login/chat-identity`)).json()).toEqual({ token: null });
    const login = await post('/host-login/login', new URLSearchParams({ name: 'Ada Lovelace' }).toString());
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/);

    expect(await (await fetch(`${base}/host-login/session`, { headers: { cookie } })).json()).toEqual({ user: { id: 'demo-ada-lovelace', name: 'Ada Lovelace' } });
    const tokens = await Promise.all([0, 1].map(async () => (await (await fetch(`${base}/host-login/chat-identity`, { headers: { cookie } })).json()).token as string));
    const { payload } = await jwtVerify(tokens[0]!, new TextEncoder().encode(identity.secret), { issuer: identity.issuer, audience: API_URL, algorithms: ['HS256'] });
    expect(payload).toMatchObject({ sub: 'demo-ada-lovelace', name: 'Ada Lovelace', jti: expect.any(String) });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(600);
    expect(decodeJwt(tokens[1]!).jti).not.toBe(payload.jti);

    await post('/host-login/logout', '', cookie);
    expect(await (await fetch(`${base}/host-login/chat-identity`, { headers: { cookie } })).json()).toEqual({ token: null });
  });

  it('serves the page with the API URL filled in', async () => {
    const page = await (await fetch(`${base}/host-login/`)).text();
    expect(page).toContain(`<chat-widget server="${API_URL}"`);
    expect(page).toContain('identity-endpoint="/host-login/chat-identity"');
  });

  it('has no login routes when the chat server has no shared secret', async () => {
    const plain = createExamplesApp({ apiUrl: API_URL, ...defaultExamplesDirs(projectRoot()), logger: pino({ level: 'silent' }) });
    const url = await plain.listen({ host: '127.0.0.1', port: 0 });
    try {
      expect((await fetch(`${url}/host-login/chat-identity`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
