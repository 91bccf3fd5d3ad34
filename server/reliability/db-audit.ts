import pg from 'pg';
import type { SendResult } from './load-client.js';

export interface Audit {
  acknowledged: number;
  storedUserMessages: number;
  /** Acknowledged messages with no row. */
  missing: string[];
  /** Client message ids stored more than once. */
  duplicated: string[];
  /** Conversations whose message_count differs from their rows. */
  miscounted: string[];
}

/** Checks the database against what the clients were told: every acknowledged message stored exactly once. */
export async function auditMessages(databaseUrl: string, results: SendResult[]): Promise<Audit> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ client_message_id: string; n: number }>(
      `SELECT client_message_id, count(*)::int AS n FROM messages WHERE role = 'user' AND client_message_id IS NOT NULL GROUP BY 1`,
    );
    const stored = new Map(rows.map((r) => [r.client_message_id, r.n]));
    const acknowledged = results.filter((r) => r.acknowledged);
    const { rows: miscounted } = await client.query<{ id: string }>(
      `SELECT c.id FROM conversations c WHERE c.message_count <> (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id)`,
    );
    return {
      acknowledged: acknowledged.length,
      storedUserMessages: rows.reduce((sum, r) => sum + r.n, 0),
      missing: acknowledged.filter((r) => !stored.has(r.clientMessageId)).map((r) => r.clientMessageId),
      duplicated: rows.filter((r) => r.n > 1).map((r) => r.client_message_id),
      miscounted: miscounted.map((r) => r.id),
    };
  } finally {
    await client.end();
  }
}
