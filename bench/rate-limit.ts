/**
 * The agent-run limit's cost per hit, against each store (PostgreSQL, and Redis when a
 * `redis-server` is on the PATH or BENCH_REDIS_URL is set): sequential latency and the rate with
 * 20 concurrent callers, as `ChatService` pays it once per agent run.
 * Alone: npm run bench:rate-limit [-- --hits 5000]
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { findFreePort } from '../server/src/database/free-port.js';
import { runMigrations } from '../server/src/database/run-migrations.js';
import { PostgresRateLimiter } from '../server/src/rate-limit/postgres-rate-limiter.js';
import type { RateLimiter } from '../server/src/rate-limit/rate-limiter.js';
import { RedisRateLimiter } from '../server/src/rate-limit/redis-rate-limiter.js';

const CONCURRENCY = 20;
// Never refused during the bench: the limit is checked, not hit.
const RULE = { max: 1_000_000_000, windowSeconds: 60 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(store: string, limiter: RateLimiter, hits: number): Promise<void> {
  for (let i = 0; i < 200; i++) await limiter.consume(`warm-${i % 20}`, RULE);
  const latencies: number[] = [];
  for (let i = 0; i < hits; i++) {
    const start = process.hrtime.bigint();
    await limiter.consume(`agent-run:user-${i % 100}`, RULE);
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  latencies.sort((a, b) => a - b);
  let next = 0;
  const start = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < hits) await limiter.consume(`agent-run:user-${next % 100}`, RULE);
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  const rate = hits / (Number(process.hrtime.bigint() - start) / 1e9);
  // The server's own CPU per hit does not depend on what else the machine is doing; the rates do.
  console.log(
    `${store.padEnd(12)} sequential p50 ${percentile(latencies, 50).toFixed(3)} ms  p99 ${percentile(latencies, 99).toFixed(3)} ms   ` +
      `${CONCURRENCY} concurrent ${Math.round(rate).toLocaleString('en-US')} hits/s, ${((cpu.user + cpu.system) / hits).toFixed(0)} µs of Node CPU per hit`,
  );
}

async function startRedis(): Promise<{ url: string; stop(): void } | undefined> {
  if (process.env.BENCH_REDIS_URL) return { url: process.env.BENCH_REDIS_URL, stop: () => undefined };
  const port = await findFreePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const started = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false));
    child.once('spawn', () => resolve(true));
  });
  if (!started) return undefined;
  const url = `redis://127.0.0.1:${port}`;
  const probe = new RedisRateLimiter(url);
  for (let attempt = 0; ; attempt++) {
    try {
      await probe.consume('probe', RULE);
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await probe.close();
  return { url, stop: () => child.kill() };
}

/** As root, embedded-postgres runs initdb as a `postgres` user, who must be able to enter the folder. */
function benchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rate-limit-'));
  chmodSync(dir, 0o755);
  return dir;
}

async function main(): Promise<void> {
  const hitsArg = process.argv.indexOf('--hits');
  const hits = hitsArg > 0 ? Number(process.argv[hitsArg + 1]) : 5000;
  console.log(`Agent-run limit, ${hits} hits per store; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const database = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres({ dir: join(benchDir(), 'pg') });
  const redis = await startRedis();
  try {
    await runMigrations(database.url);
    const pool = new pg.Pool({ connectionString: database.url, max: CONCURRENCY });
    const postgres = new PostgresRateLimiter(pool);
    await measure('PostgreSQL', postgres, hits);
    await postgres.close();
    await pool.end();
    if (redis) {
      const limiter = new RedisRateLimiter(redis.url);
      await measure('Redis', limiter, hits);
      await limiter.close();
    } else {
      console.log('Redis       skipped: no redis-server on the PATH and no BENCH_REDIS_URL');
    }
  } finally {
    redis?.stop();
    await database.stop();
  }
}

await main();
