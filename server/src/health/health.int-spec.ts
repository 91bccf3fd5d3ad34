import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestServer, type TestServer } from '../../test/test-server.js';

describe('health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('reports liveness without touching the database', async () => {
    await request(server.url).get('/health/live').expect(200, { status: 'ok' });
  });

  it('reports readiness when the database answers', async () => {
    await request(server.url).get('/health/ready').expect(200, { status: 'ok', database: 'up' });
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const response = await request(server.url).get('/no-such-route').expect(404);
    expect(response.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /no-such-route' });
  });

  it('propagates a sane X-Request-Id and replaces an unsafe one', async () => {
    const kept = await request(server.url).get('/health/live').set('X-Request-Id', 'trace-123');
    expect(kept.headers['x-request-id']).toBe('trace-123');
    const replaced = await request(server.url).get('/health/live').set('X-Request-Id', 'bad id <script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document', async () => {
    const response = await request(server.url).get('/api/docs/openapi.json').expect(200);
    expect(response.body.paths['/health/ready']).toBeDefined();
  });
});

describe('readiness without a database', () => {
  it('answers 503 DATABASE_UNAVAILABLE when the database goes away', async () => {
    const server = await startTestServer();
    try {
      await server.database.drop();
      const response = await request(server.url).get('/health/ready').expect(503);
      expect(response.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    } finally {
      await server.close();
    }
  });
});
