import type { Message } from '../src/services/api-types.js';

/** A stored, complete answer with nothing in it, for rendering tests to fill in. */
export const messageFixture = (overrides: Partial<Message>): Message => ({
  id: 'm1',
  conversationId: 'c1',
  role: 'assistant',
  content: '',
  sources: [],
  status: 'complete',
  errorCode: null,
  clientMessageId: null,
  replyToId: null,
  runId: null,
  createdAt: new Date().toISOString(),
  feedback: null,
  ...overrides,
});
