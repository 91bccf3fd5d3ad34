import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { startFakeAgent, type FakeAgent } from '../../test/fakes/agent-server.js';
import { openEventStream, type RecordedRequest, writeEvent } from '../../test/fakes/loopback-server.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { PAGE_CONTEXT_DATA_MAX_BYTES } from './dto/page-context.dto.js';

const CONTEXT = { url: 'https://docs.example.com/settings', title: 'Settings – Lumen', data: { section: 'alerts', plan: 'pro', flags: ['beta'] } };

describe('page context sent with a message (http provider against a recording agent)', () => {
  let agent: FakeAgent;
  let server: TestServer;
  let client: SignedInClient;
  let received: RecordedRequest[];

  const storedContexts = async (conversationId: string) => {
    const db = new pg.Client({ connectionString: server.database.url });
    await db.connect();
    try {
      return (await db.query(`SELECT role, page_context FROM messages WHERE conversation_id = $1 ORDER BY created_at`, [conversationId])).rows;
    } finally {
      await db.end();
    }
  };
  const messageCount = async () => {
    const db = new pg.Client({ connectionString: server.database.url });
    await db.connect();
    try {
      return Number((await db.query(`SELECT count(*) AS n FROM messages`)).rows[0].n);
    } finally {
      await db.end();
    }
  };

  beforeAll(async () => {
    agent = await startFakeAgent();
    const route = agent.endpoint((_request, response) => {
      openEventStream(response);
      writeEvent(response, JSON.stringify({ text: 'It sets the alert threshold.' }), 'delta');
      writeEvent(response, '{}', 'done');
      response.end();
    });
    received = route.requests;
    server = await startTestServer({ AGENT_PROVIDER: 'http', AGENT_HTTP_URL: route.url, AGENT_RATE_LIMIT: '1000' });
    client = await signedInClient(server.url);
  });
  afterAll(async () => {
    await server.close();
    await agent.close();
  });

  it('stores the context with the user message and hands it to the agent', async () => {
    const { body } = await client.post('/agents/run', { message: 'What does this setting do?', context: CONTEXT }).expect(200);
    expect(received.at(-1)!.body).toMatchObject({ message: 'What does this setting do?', context: CONTEXT });
    expect(await storedContexts(body.conversation.id)).toEqual([
      { role: 'user', page_context: CONTEXT },
      { role: 'assistant', page_context: null },
    ]);
  });

  it('accepts a string as the site’s context, and a message with no context at all', async () => {
    const streamed = await client.stream('/agents/run', { message: 'And this one?', context: { data: 'Pricing page, yearly plans' } });
    expect(streamed.events.map((e) => e.event)).toContain('done');
    expect(received.at(-1)!.body).toMatchObject({ context: { data: 'Pricing page, yearly plans' } });

    await client.post('/agents/run', { message: 'No context' }).expect(200);
    expect(received.at(-1)!.body).not.toHaveProperty('context');
  });

  it.each([
    ['a context too big', { data: { blob: 'x'.repeat(PAGE_CONTEXT_DATA_MAX_BYTES) } }, /data must be a string or a JSON object of at most 8192 bytes/],
    ['a number as the site’s context', { data: 42 }, /data must be a string or a JSON object/],
    ['a URL too long', { url: `https://example.com/${'a'.repeat(2100)}` }, /url must be shorter than or equal to 2048 characters/],
    ['a title that is not text', { title: { html: '<b>x</b>' } }, /title must be a string/],
    ['an unknown field', { cookies: 'session=1' }, /property cookies should not exist/],
    ['a context that is not an object', 'https://example.com/', /context/],
  ])('refuses %s with 400 VALIDATION_FAILED, storing nothing', async (_case, context, message) => {
    const before = await messageCount();
    const { body } = await client.post('/agents/run', { message: 'Refused?', context }).expect(400);
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(body.message).toMatch(message);
    expect(await messageCount()).toBe(before);
  });
});
