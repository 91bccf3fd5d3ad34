import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { projectRoot } from '../common/project-root.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

// Reads the build `npm test` just made (npm run build → dist/widget and dist/console).
const dist = join(projectRoot(), 'dist');

function scripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(dir, name));
}

describe('the site owner’s console page (/admin)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('is an HTML page whose only script is the console bundle, under a CSP without inline scripts', async () => {
    const response = await request(server.url).get('/admin').expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    const tags = [...response.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(tags.map(([, attributes, body]) => [attributes!.trim(), body])).toEqual([['type="module" src="/admin/assets/console.js"', '']]);
    expect(response.text).toContain('<site-console>');
    await request(server.url).get('/admin/').expect(200);
  });

  it('serves the bundle and its stylesheet from /admin/assets/', async () => {
    const script = await request(server.url).get('/admin/assets/console.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('site-console');
    const style = await request(server.url).get('/admin/assets/console.css').expect(200);
    expect(style.headers['content-type']).toMatch(/text\/css/);
  });

  it('is a bundle of its own: nothing the widget loads contains the console’s code', () => {
    const consoleCode = readFileSync(join(dist, 'console', 'console.js'), 'utf8');
    expect(consoleCode).toContain('/admin/api/');
    for (const file of scripts(join(dist, 'widget'))) {
      const code = readFileSync(file, 'utf8');
      expect({ file, console: /site-console|console-panel|\/admin\/api\//.test(code) }).toEqual({ file, console: false });
    }
  });
});
