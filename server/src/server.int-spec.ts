import { afterAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { signUp, TEST_ORIGIN, uniqueIp } from '../test/auth-helpers.js';
import { createLogger } from './common/logger.js';
import { loadConfig } from './config/load-config.js';
import { HttpListener } from './http-listener.js';
import { startServer } from './server.js';

describe('server with its embedded PostgreSQL (no DATABASE_URL)', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts its own database, keeps the data across a restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'chat-widget-restart-'));
    await chmod(dir, 0o755);
    // Bound first, so the configuration names the real port; the restart binds that port again.
    const listener = await HttpListener.open('127.0.0.1', 0);
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(listener.port),
      EMBEDDED_POSTGRES_DIR: join(dir, 'postgres'),
      LOG_LEVEL: 'silent',
      ALLOWED_ORIGINS: TEST_ORIGIN,
      TRUST_PROXY: '127.0.0.1',
    });
    const logger = createLogger('silent');

    const first = await startServer(config, logger, { listener });
    let user;
    try {
      await request(first.url).get('/health/ready').expect(200);
      user = await signUp(first.url);
    } finally {
      await first.close();
    }

    const second = await startServer(config, logger);
    try {
      const signIn = await request(second.url)
        .post('/api/auth/sign-in/email')
        .set('Origin', TEST_ORIGIN)
        .set('X-Forwarded-For', uniqueIp())
        .send({ email: user.email, password: user.password })
        .expect(200);
      expect(signIn.body.user.id).toBe(user.userId);
    } finally {
      await second.close();
    }
  });
});
