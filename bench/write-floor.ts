import pg from 'pg';
import { MessageRepository } from '../server/src/conversations/message.repository.js';
import { knowledgeQueries } from '../server/src/knowledge/knowledge.repository.js';
import { PostgresRateLimiter } from '../server/src/rate-limit/postgres-rate-limiter.js';
import { RunRepository } from '../server/src/runs/run.repository.js';

export interface WriteFloorOptions {
  databaseUrl: string;
  userIds: string[];
  message: string;
  connections: number;
  seconds: number;
  /** The server's pool size, so the floor queues for connections as the server does. */
  poolMax: number;
  passages: number;
}

/**
 * The floor for the write figure: the statements of one agent run (rate-limit hit, user message
 * and answer row, the retrieval agent's search, the stored answer) sent straight through `pg`
 * by `connections` concurrent loops, with no HTTP, auth, Nest or agent code. Messages per second.
 */
export async function measureWriteFloor(options: WriteFloorOptions): Promise<number> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolMax, application_name: 'bench-write-floor' });
  const limiter = new PostgresRateLimiter(pool);
  const messages = new MessageRepository(pool);
  const runs = new RunRepository(pool);
  const deadline = performance.now() + options.seconds * 1000;
  let finished = 0;
  let turn = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < deadline) {
          const userId = options.userIds[turn++ % options.userIds.length]!;
          await limiter.consume(`agent-run:${userId}`, { max: 1_000_000, windowSeconds: 60 });
          const runId = crypto.randomUUID();
          const run = await messages.startRunInNewConversation(userId, options.message, options.message, null, null, { id: runId, instanceId: 'bench', leaseSeconds: 60 });
          const { rows } = await pool.query<{ title: string; url: string; snippet: string; score: number }>(knowledgeQueries.search, [options.message, options.passages]);
          const sources = rows.map((r) => ({ title: r.title, url: r.url, snippet: r.snippet, score: r.score }));
          const content = rows.map((r) => r.snippet).join('\n\n');
          // The server stores the answer with the run's last events (here its one delta and `done`) in one statement.
          const events = [
            { id: 1, event: 'delta', data: JSON.stringify({ messageId: run!.answer.id, text: content }) },
            { id: 2, event: 'done', data: '{}' },
          ];
          await runs.finish(runId, events, 'complete', { messageId: run!.answer.id, content, sources, status: 'complete', errorCode: null });
          finished++;
        }
      }),
    );
    return (finished * 2) / ((performance.now() - started) / 1000);
  } finally {
    await limiter.close();
    await pool.end();
  }
}
