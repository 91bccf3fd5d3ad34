import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request, { type Test } from 'supertest';
import { projectRoot } from '../common/project-root.js';
import { TEST_ORIGIN } from '../../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { CACHE_CONTROL } from './widget-files.js';

// Reads the build `npm test` just made (npm run build → dist/widget, with .br and .gz copies).
const chunk = readdirSync(join(projectRoot(), 'dist', 'widget', 'chunks')).find((name) => name.endsWith('.js'))!;

/** The body as bytes (supertest decodes brotli and gzip; Content-Length gives the size sent). */
const bytes = (response: Test) =>
  response.buffer(true).parse((res, done) => {
    const parts: Buffer[] = [];
    res.on('data', (part: Buffer) => parts.push(part));
    res.on('end', () => done(null, Buffer.concat(parts)));
  });

describe('the widget’s files', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it.each([TEST_ORIGIN, 'https://any-site.example', undefined])('are public: CORS * for a page on %s, without credentials', async (origin) => {
    const get = request(server.url).get('/widget/chat-widget.js');
    const response = await (origin ? get.set('Origin', origin) : get).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['content-type']).toMatch(/javascript/);
  });

  it('cache a hashed chunk for a year, immutable', async () => {
    const response = await request(server.url).get(`/widget/chunks/${chunk}`).expect(200);
    expect(response.headers['cache-control']).toBe(CACHE_CONTROL.hashedChunk);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('cache the entry for 5 minutes, then revalidate it with its ETag', async () => {
    const first = await request(server.url).get('/widget/chat-widget.js').expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const etag = first.headers['etag'];
    expect(etag).toBeTruthy();
    const again = await request(server.url).get('/widget/chat-widget.js').set('If-None-Match', etag!);
    expect(again.status).toBe(304);
  });

  it('send the precompressed brotli or gzip copy to a browser that accepts it, and plain text otherwise', async () => {
    const path = `/widget/chunks/${chunk}`;
    const plain = await bytes(request(server.url).get(path).set('Accept-Encoding', 'identity')).expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const source = plain.body as Buffer;
    expect(Number(plain.headers['content-length'])).toBe(source.length);

    const br = await bytes(request(server.url).get(path).set('Accept-Encoding', 'gzip, deflate, br')).expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect((br.body as Buffer).equals(source)).toBe(true);
    expect(Number(br.headers['content-length'])).toBeLessThan(source.length / 2);
    expect(br.headers['cache-control']).toBe(CACHE_CONTROL.hashedChunk);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);

    const gz = await bytes(request(server.url).get(path).set('Accept-Encoding', 'gzip')).expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect((gz.body as Buffer).equals(source)).toBe(true);
    expect(Number(gz.headers['content-length'])).toBeLessThan(source.length / 2);
  });

  it('do not let a missing chunk be cached', async () => {
    const response = await request(server.url).get('/widget/chunks/gone-00000000.js').expect(404);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
