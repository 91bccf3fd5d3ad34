import { afterAll } from '@jest/globals';
import pg from 'pg';
import { type FakeOpenAi, startFakeOpenAi } from '../../server/test/fakes/openai-server.js';
import { type E2eEnvironment, useE2eEnvironment } from './e2e-environment.js';

/**
 * The e2e environment with the openai provider against the local OpenAI-compatible fake (a real
 * socket), whose `[pace=MS]` answers stream slowly enough to reload, stop or restart mid-answer.
 */
export function useSlowAgentEnvironment(settings: Record<string, string> = {}): () => E2eEnvironment {
  let openai: FakeOpenAi | undefined;
  const env = useE2eEnvironment(async () => {
    openai = await startFakeOpenAi();
    return { AGENT_PROVIDER: 'openai', OPENAI_BASE_URL: openai.baseUrl, OPENAI_MODEL: 'fake-model', ...settings };
  });
  afterAll(() => openai?.close());
  return env;
}

/** A question whose answer (about 50 words, `Answer to "<question>" …`) streams one word every `paceMs`. */
export const slowQuestion = (text: string, paceMs = 150) => `[pace=${paceMs}] ${text} ${Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')}`;

export interface StoredMessage {
  role: 'user' | 'assistant';
  content: string;
  status: string;
}

/** Every message the server stored for the account with this email, oldest first. */
export async function storedMessages(databaseUrl: string, email: string): Promise<StoredMessage[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<StoredMessage>(
      `SELECT m.role, m.content, m.status FROM messages m JOIN users u ON u.id = m.user_id WHERE u.email = $1 ORDER BY m.created_at, m.role DESC`,
      [email],
    );
    return rows;
  } finally {
    await client.end();
  }
}
