import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
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
