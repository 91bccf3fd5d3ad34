import { expect } from '@jest/globals';
import pg from 'pg';
import { parseSse, type SignedInClient } from './api-client.js';

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

/**
 * Starts a streamed run, reads until `deltas` answer pieces arrived, then goes away as a closed tab
 * would, and waits until the server has stored the outcome: the run goes on without its client.
 * Returns the messages.
 */
export async function leaveStreamedRun(serverUrl: string, client: SignedInClient, databaseUrl: string, message: string, deltas: number): Promise<StoredMessage[]> {
  const response = await fetch(`${serverUrl}/agents/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.jwt}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ message }),
  });
  const reader = response.body!.getReader();
  let text = '';
  while ((text.match(/event: delta/g) ?? []).length < deltas) text += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
  const conversationId = parseSse(text.slice(0, text.lastIndexOf('\n\n') + 2))[0]!.data.conversation.id;

  let rows: StoredMessage[] = [];
  for (let i = 0; i < 100 && rows[1]?.status !== 'complete'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    rows = await storedMessages(databaseUrl, conversationId);
  }
  expect(rows[1]).toMatchObject({ role: 'assistant', status: 'complete' });
  return rows;
}
