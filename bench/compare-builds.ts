/**
 * `npm run bench:compare -- <main.js A> <main.js B> [rounds] [seconds]`: the same small workload
 * against two builds of the server (say, main's `dist/server/src/main.js` in another worktree and
 * this one's), one after the other and alternated `rounds` times, on one PostgreSQL cluster. On a
 * shared machine the figures to compare are the CPU times per request, which do not depend on how
 * much of the CPU a run got; the alternation shows how much the rest moved with the machine's load.
 * Each build gets a fresh database, a Better Auth account, and a conversation of 50 messages.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/src/common/project-root.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { findFreePort } from '../server/src/database/free-port.js';
import { timeAgentRun } from './agent-run.js';
import { BENCH_ORIGIN, fetchJwt, signUpBenchUser } from './api-users.js';
import { load, warmUp } from './load.js';
import { CpuMeter, startNodeServer } from './processes.js';
import { summarize } from './stats.js';

const [scriptA, scriptB, roundsArg = '2', secondsArg = '5'] = process.argv.slice(2);
if (!scriptA || !scriptB) throw new Error('usage: npm run bench:compare -- <main.js A> <main.js B> [rounds] [seconds]');
const seconds = Number(secondsArg);
const workDir = join(projectRoot(), '.data', 'bench-compare');
const QUESTIONS = ['How do I reset my password?', 'Where is the conversation history stored?', 'How do I embed the widget on my site?'];
const f = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n < 10 ? n.toFixed(2) : n.toFixed(0));

async function measure(cluster: Awaited<ReturnType<typeof startEmbeddedPostgres>>, script: string, database: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.urlFor('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = cluster.urlFor(database);
  const port = await findFreePort();
  const server = await startNodeServer({
    script,
    port,
    readyPath: '/health/ready',
    logFile: join(workDir, `${database}.log`),
    env: {
      NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DATABASE_URL: url, LOG_LEVEL: 'info',
      ALLOWED_ORIGINS: BENCH_ORIGIN, TRUST_PROXY: '127.0.0.1', SERVE_EXAMPLES: 'false', AGENT_RATE_LIMIT: '100000', JWT_TTL_SECONDS: '3600',
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
    },
  });
  const db = new pg.Client({ connectionString: url });
  try {
    const user = await signUpBenchUser(server.url, database);
    const jwt = await fetchJwt(server.url, user.sessionToken);
    await db.connect();
    const conversation = (await db.query(`INSERT INTO conversations (user_id, title, message_count) VALUES ($1, 'Compared', 50) RETURNING id`, [user.id])).rows[0].id as string;
    await db.query(
      `INSERT INTO messages (conversation_id, user_id, role, content, status, sources, created_at)
       SELECT $1, $2, CASE WHEN g % 2 = 0 THEN 'user' ELSE 'assistant' END, repeat('Some answer text about the widget and its settings. ', 8), 'complete',
              CASE WHEN g % 2 = 1 THEN '[{"title":"Doc","url":"https://docs.example.com/a","snippet":"A snippet","score":0.5}]'::jsonb ELSE '[]'::jsonb END,
              now() - (50 - g) * interval '1 second'
       FROM generate_series(0, 49) g`,
      [conversation, user.id],
    );
    await db.query(`INSERT INTO conversations (user_id, title) SELECT $1, 'other ' || g FROM generate_series(1, 19) g`, [user.id]);
    const cpu = new CpuMeter(server.pid, join(workDir, 'postgres'));
    const headers = { authorization: `Bearer ${jwt}` };
    const parts: string[] = [];
    for (const [name, path] of [['GET /conversations', '/conversations'], ['GET /conversations/:id (50 messages)', `/conversations/${conversation}`]] as const) {
      await warmUp(server.url, { path, headers }, 1);
      const one = await load(server.url, { path, headers }, { connections: 1, seconds, cpu });
      const ten = await load(server.url, { path, headers }, { connections: 10, seconds, cpu });
      parts.push(`${name}: CPU/request ${f(one.serverCpuMs)} ms server + ${f(one.databaseCpuMs)} ms PostgreSQL (1 connection); ${f(ten.requestsPerSecond)} req/s at 10`);
    }
    for (let i = 0; i < 5; i++) await timeAgentRun(server.url, jwt, QUESTIONS[i % QUESTIONS.length]!);
    const runs = [];
    for (let i = 0; i < 60; i++) runs.push(await timeAgentRun(server.url, jwt, QUESTIONS[i % QUESTIONS.length]!));
    const firstByte = summarize(runs.map((r) => r.firstByte));
    parts.push(`agent run, one at a time: first byte p50 ${f(firstByte.p50)} ms, p99 ${f(firstByte.p99)} ms`);
    const count = async () => Number((await db.query('SELECT count(*) AS n FROM messages')).rows[0].n);
    const before = await count();
    const started = performance.now();
    const writes = await load(
      server.url,
      { method: 'POST', path: '/agents/run', body: JSON.stringify({ message: QUESTIONS[0] }), headersFor: () => ({ 'content-type': 'application/json', ...headers }) },
      { connections: 20, seconds: seconds * 2, cpu },
    );
    const perSecond = ((await count()) - before) / ((performance.now() - started) / 1000);
    parts.push(`writes at 20 connections: ${f(perSecond)} messages/s, CPU/run ${f(writes.serverCpuMs)} ms server + ${f(writes.databaseCpuMs)} ms PostgreSQL`);
    return parts.join('\n  ');
  } finally {
    await db.end().catch(() => undefined);
    await server.stop();
  }
}

async function main(): Promise<void> {
  const cluster = await startEmbeddedPostgres({ dir: join(workDir, 'postgres'), database: 'postgres' });
  try {
    for (let round = 0; round < Number(roundsArg); round++) {
      for (const [label, script] of [['A', scriptA], ['B', scriptB]] as const) {
        console.log(`round ${round + 1}, ${label} (${script}):\n  ${await measure(cluster, script, `compare_${label.toLowerCase()}_${round}`)}`);
      }
    }
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error('bench:compare failed:', error);
  process.exit(1);
});
