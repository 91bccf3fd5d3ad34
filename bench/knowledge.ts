/**
 * Knowledge base figures: time to ingest the project's docs/ (first time, then unchanged), and the
 * retrieval agent's answer latency (full-text search + composing + streaming, all events consumed).
 * Uses DATABASE_URL when set, else a throw-away embedded PostgreSQL. Run: npm run bench:knowledge
 */
import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { retrievalAgent } from '../server/src/agents/retrieval/index.js';
import { projectRoot } from '../server/src/common/project-root.js';
import { dataSourceOptions } from '../server/src/database/data-source-options.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { runMigrations } from '../server/src/database/run-migrations.js';
import { KnowledgeIngester } from '../server/src/knowledge/knowledge-ingester.js';
import { KnowledgeRepository } from '../server/src/knowledge/knowledge.repository.js';
import { KnowledgeSearch } from '../server/src/knowledge/knowledge-search.js';

const QUESTIONS = [
  'How do I embed the widget?',
  'Which error codes can the API return?',
  'How does the http provider stream an answer?',
  'What happens when the client disconnects mid-stream?',
  'How are passwords reset?',
  'Which settings does the openai provider need?',
  'How do I ingest my own documents?',
  'What is the weather on Mars?',
];
const RUNS = Number(process.env.BENCH_RUNS ?? 400);

async function database(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const dir = await mkdtemp(join(tmpdir(), 'bench-knowledge-'));
  await chmod(dir, 0o755); // as root, initdb runs as `postgres`, who must enter the folder
  const embedded = await startEmbeddedPostgres({ dir: join(dir, 'data') });
  return { url: embedded.url, stop: async () => (await embedded.stop(), await rm(dir, { recursive: true, force: true })) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const db = await database();
  try {
    await runMigrations(db.url);
    const dataSource = await new DataSource(dataSourceOptions({ url: db.url, poolMax: 2, applicationName: 'bench' })).initialize();
    try {
      await dataSource.query('DELETE FROM documents');
      const ingester = new KnowledgeIngester(new KnowledgeRepository(dataSource), 'http://localhost:3000/docs/', projectRoot());
      for (const label of ['first ingestion', 'again, unchanged']) {
        const started = performance.now();
        const report = await ingester.ingest(['docs']);
        console.log(`${label.padEnd(20)} ${(performance.now() - started).toFixed(0).padStart(6)} ms  ${JSON.stringify(report)}`);
      }
      const [{ documents, chunks }] = await dataSource.query(`SELECT (SELECT count(*) FROM documents)::int AS documents, (SELECT count(*) FROM chunks)::int AS chunks`);
      console.log(`knowledge base: ${documents} documents, ${chunks} chunks`);

      const agent = retrievalAgent({ knowledge: new KnowledgeSearch(new KnowledgeRepository(dataSource)) });
      const answer = async (message: string) => {
        for await (const _ of agent.run({ message, history: [], signal: new AbortController().signal, conversationId: 'bench', userId: 'bench' }));
      };
      for (const q of QUESTIONS) await answer(q); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await answer(QUESTIONS[i % QUESTIONS.length]!);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(`retrieval answer (${RUNS} runs)  p50 ${percentile(times, 50).toFixed(2)} ms  p99 ${percentile(times, 99).toFixed(2)} ms`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
