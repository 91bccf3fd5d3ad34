/**
 * The floor every API figure is compared with: the same service code, hence the same SQL, served by
 * a bare Fastify route — no Nest, no auth guard, no validation pipe, no request logging. The user
 * id comes in a header. Started by the bench in its own process: node dist/bench/baseline-server.js
 */
import 'reflect-metadata';
import Fastify from 'fastify';
import pg from 'pg';
import { ConversationRepository } from '../server/src/conversations/conversation.repository.js';
import { ConversationsService } from '../server/src/conversations/conversations.service.js';
import { MessageRepository } from '../server/src/conversations/message.repository.js';

interface ListQuery {
  limit?: string;
  cursor?: string;
  q?: string;
}

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: Number(process.env.DATABASE_POOL_MAX ?? 10), application_name: 'bench-baseline' });
  const conversations = new ConversationsService(new ConversationRepository(pool), new MessageRepository(pool));
  const app = Fastify();
  const userId = (headers: Record<string, unknown>) => String(headers['x-user-id']);

  app.get('/health', async () => ({ ok: true }));
  app.get<{ Querystring: ListQuery }>('/conversations', async (request) => {
    const { limit, cursor, q } = request.query;
    return conversations.list(userId(request.headers), { limit: Number(limit ?? 20), ...(cursor ? { cursor } : {}), ...(q ? { q } : {}) });
  });
  app.get<{ Params: { id: string }; Querystring: ListQuery }>('/conversations/:id', async (request) =>
    conversations.getWithMessages(userId(request.headers), request.params.id, { limit: Number(request.query.limit ?? 50) }),
  );
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
}

void main();
