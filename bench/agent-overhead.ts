/**
 * Time to the first streamed token of an agent run, as a widget sees it (POST /agents/run with
 * server-sent events, first `delta`), against the agent's own time to its first token:
 * - openai: a local OpenAI-compatible server pacing tokens (BENCH_TOKEN_DELAY_MS), measured directly
 *   too, so the difference is what this server adds (JWT check, rate limit, storing the question,
 *   history, retrieval for RAG, proxying the stream);
 * - retrieval: the built-in agent over the project's docs, end to end.
 * Uses a throw-away embedded PostgreSQL. Run: npm run bench:agents
 */
import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAi } from '../server/test/fakes/openai-server.js';
import { createLogger } from '../server/src/common/logger.js';
import { loadConfig } from '../server/src/config/load-config.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { findFreePort } from '../server/src/database/free-port.js';
import { startServer } from '../server/src/server.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const TOKEN_DELAY_MS = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 20);
const ORIGIN = 'http://bench.test';

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const summary = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms  p99 ${percentile(values, 99).toFixed(1)} ms`;

/** Milliseconds from sending `init` to `url` until the body holds `marker`, then drains the rest. */
async function timeToMarker(url: string, init: RequestInit, marker: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, init);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let at = -1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (at < 0 && text.includes(marker)) at = performance.now() - started;
  }
  if (at < 0) throw new Error(`no ${marker} in ${text.slice(0, 300)}`);
  return at;
}

async function signedInJwt(baseUrl: string): Promise<string> {
  const signUp = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: 'correct horse battery staple', name: 'Bench' }),
  });
  const session = signUp.headers.get('set-auth-token');
  if (!session) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const token = await fetch(`${baseUrl}/api/auth/token`, { headers: { origin: ORIGIN, authorization: `Bearer ${session}` } });
  return ((await token.json()) as { token: string }).token;
}

async function measureRuns(databaseUrl: string, env: Record<string, string>, question: string): Promise<number[]> {
  const port = await findFreePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    ALLOWED_ORIGINS: ORIGIN,
    AGENT_RATE_LIMIT: '100000',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await startServer(config, createLogger('silent'));
  try {
    const jwt = await signedInJwt(server.url);
    const run = () =>
      timeToMarker(
        `${server.url}/agents/run`,
        { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ message: question }) },
        'event: delta',
      );
    for (let i = 0; i < 10; i++) await run(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await run());
    return times;
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-agents-'));
  await chmod(dir, 0o755); // as root, initdb runs as `postgres`, who must enter the folder
  const database = await startEmbeddedPostgres({ dir: join(dir, 'data') });
  const openAi = await startFakeOpenAi({ tokenDelayMs: TOKEN_DELAY_MS });
  try {
    const question = 'Which error codes can the API return?';
    const direct: number[] = [];
    const body = JSON.stringify({ model: 'fake', stream: true, messages: [{ role: 'user', content: question }] });
    for (let i = 0; i < RUNS + 10; i++) {
      const time = await timeToMarker(`${openAi.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }, '"content":"Answer');
      if (i >= 10) direct.push(time);
    }
    const viaServer = await measureRuns(database.url, { AGENT_PROVIDER: 'openai', OPENAI_BASE_URL: openAi.baseUrl, OPENAI_MODEL: 'fake', KNOWLEDGE_INGEST_ON_START: 'docs' }, question);
    const retrieval = await measureRuns(database.url, { AGENT_PROVIDER: 'retrieval', KNOWLEDGE_INGEST_ON_START: 'docs' }, question);
    console.log(`${RUNS} runs each, one client at a time, fake model pacing tokens ${TOKEN_DELAY_MS} ms apart`);
    console.log(`openai agent alone, first token          ${summary(direct)}`);
    console.log(`openai through POST /agents/run, first delta ${summary(viaServer)}`);
    console.log(`  added by the server (median difference)  ${(percentile(viaServer, 50) - percentile(direct, 50)).toFixed(1)} ms`);
    console.log(`retrieval through POST /agents/run, first delta ${summary(retrieval)}`);
  } finally {
    await openAi.close();
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
