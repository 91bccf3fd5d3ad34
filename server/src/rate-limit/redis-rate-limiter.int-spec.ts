import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import request from 'supertest';
import { signedInClient } from '../../test/api-client.js';
import { startRedis, type TestRedis } from '../../test/redis-server.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

describe('agent-run limit in Redis (REDIS_URL)', () => {
  let redis: TestRedis;
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, AGENT_RATE_LIMIT: '3', AGENT_RATE_LIMIT_WINDOW_SECONDS: '60' };
    first = await startTestServer(env);
    // A second instance on the same database and Redis, behind the same public URL, as behind a load balancer.
    second = await startTestServer({ ...env, PUBLIC_URL: first.url }, { database: first.database });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await redis?.stop();
  });

  it('counts one user’s runs across instances and answers 429 with Retry-After beyond the limit', async () => {
    const client = await signedInClient(first.url);
    const onSecond = { post: (path: string, body: object) => signedInRequest(second.url, client.jwt, path, body) };
    await client.post('/agents/run', { message: 'one' }).expect(200);
    await onSecond.post('/agents/run', { message: 'two' }).expect(200);
    await client.post('/agents/run', { message: 'three' }).expect(200);
    const refused = await onSecond.post('/agents/run', { message: 'four' }).expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('fails closed with 503 RATE_LIMIT_UNAVAILABLE while Redis is down, and recovers by itself', async () => {
    const client = await signedInClient(first.url);
    await redis.stop();
    try {
      const started = Date.now();
      const refused = await client.post('/agents/run', { message: 'while down' }).expect(503);
      expect(refused.body).toMatchObject({ statusCode: 503, code: 'RATE_LIMIT_UNAVAILABLE' });
      expect(refused.headers['retry-after']).toBe('5');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await redis.start();
    }
    // ioredis reconnects in the background (at most 2 s apart); the server is not restarted.
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await client.post('/agents/run', { message: 'after recovery' })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    // Nothing was stored for the refused message.
    const list = await client.get('/conversations').expect(200);
    expect(list.body.items.map((c: { title: string }) => c.title)).toEqual(['after recovery']);
  });

  it('checks a budget without spending it, and refuses once recorded hits reach it (failed sign-ins)', async () => {
    const limiter = new RedisRateLimiter(redis.url);
    try {
      const rule = { max: 2, windowSeconds: 60 };
      for (let i = 0; i < 3; i++) await limiter.check('check-test', rule);
      await limiter.record('check-test', rule);
      await limiter.check('check-test', rule);
      await limiter.record('check-test', rule);
      const refused = await limiter.check('check-test', rule).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number((refused as { headers: Record<string, string> }).headers['retry-after'])).toBeLessThanOrEqual(60);
    } finally {
      await limiter.close();
    }
  });

  it('starts a fresh window once the last one expires', async () => {
    const limiter = new RedisRateLimiter(redis.url);
    // Redis announces each key it expires (keyspace notifications): the test waits for that, not for a guessed time.
    const subscriber = new Redis(redis.url);
    try {
      await subscriber.config('SET', 'notify-keyspace-events', 'Ex');
      await subscriber.subscribe('__keyevent@0__:expired');
      const windowExpired = new Promise((resolve) => subscriber.once('message', resolve));
      const rule = { max: 1, windowSeconds: 1 };
      await limiter.consume('window-test', rule);
      await expect(limiter.consume('window-test', rule)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      await windowExpired;
      await expect(limiter.consume('window-test', rule)).resolves.toBeUndefined();
    } finally {
      subscriber.disconnect();
      await limiter.close();
    }
  });
});

function signedInRequest(baseUrl: string, jwt: string, path: string, body: object) {
  return request(baseUrl).post(path).set('Authorization', `Bearer ${jwt}`).send(body);
}
