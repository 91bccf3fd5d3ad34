import { expect } from '@jest/globals';
import pg from 'pg';
import type { SignedInClient } from './api-client.js';

export interface StoredMessage {
  role: string;
  content: string;
  status: string;
  error_code: string | null;
}

/** The messages of one conversation as stored, oldest first, read straight from the database. */
export async function storedMessages(databaseUrl: string, conversationId: string): Promise<StoredMessage[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query('SELECT role, content, status, error_code FROM messages WHERE conversation_id = $1 ORDER BY created_at, id', [conversationId]);
    return rows;
  } finally {
    await db.end();
  }
}

/**
 * A streamed run whose agent fails: the stream ends with an `error` event carrying `code`, the
 * user message is kept, the answer is stored as `error`, and the next run in the conversation works.
 */
export async function expectFailedRunKeepsConversation(client: SignedInClient, databaseUrl: string, message: string, code: string): Promise<void> {
  const { status, events } = await client.stream('/agents/run', { message });
  expect(status).toBe(200);
  expect(events.at(-1)).toEqual({ event: 'error', data: { messageId: events[0]!.data.assistantMessageId, code, message: expect.any(String) } });
  const conversationId = events[0]!.data.conversation.id;
  const rows = await storedMessages(databaseUrl, conversationId);
  expect(rows.map((r) => [r.role, r.status, r.error_code])).toEqual([
    ['user', 'complete', null],
    ['assistant', 'error', code],
  ]);
  expect(rows[0]!.content).toBe(message);

  const next = await client.post(`/conversations/${conversationId}/messages`, { message: 'Try again' }).expect(200);
  expect(next.body.assistantMessage.status).toBe('complete');
}
