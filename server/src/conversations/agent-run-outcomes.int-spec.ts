import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import request from 'supertest';
import { leaveStreamedRun, expectFailedRunKeepsConversation, storedMessages } from '../../test/agent-run-assertions.js';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { startFakeAgent, type FakeAgent } from '../../test/fakes/agent-server.js';
import { openEventStream, type RecordedRequest, resetConnection, writeEvent } from '../../test/fakes/loopback-server.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

const SOURCE = { title: 'Embedding guide', url: 'https://docs.example.com/embedding', snippet: 'Add one script tag.', score: 0.9 };

/**
 * The agent behind the http provider, scripted by the message it receives: each test picks a
 * behaviour by what it asks. A real HTTP server, speaking the contract of docs/agents.md.
 */
function scriptedAgent(hold: { release?: () => void; arrived?: () => void }) {
  return async (req: RecordedRequest, res: ServerResponse) => {
    const message = (req.body as { message: string }).message;
    const send = (event: string, data: unknown) => writeEvent(res, JSON.stringify(data), event);
    openEventStream(res);
    if (message.startsWith('[hold]')) {
      hold.arrived?.();
      await new Promise<void>((resolve) => (hold.release = resolve));
    }
    if (message.startsWith('[slow]')) {
      // A few pieces, then, after a pause in which the client goes away, the rest of a long answer:
      // the run goes on without its client.
      for (let i = 0; i < 5; i++) send('delta', { text: `part${i} ` });
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (let i = 5; i < 50 && !res.destroyed; i++) send('delta', { text: `part${i} ` });
    } else if (message.startsWith('[reset]')) {
      // The piece reaches the socket before the reset.
      await new Promise((resolve) => res.write(`event: delta\ndata: ${JSON.stringify({ text: 'The beginning of an answer' })}\n\n`, resolve));
      resetConnection(res);
      return;
    } else if (message.startsWith('[error]')) {
      send('delta', { text: 'Partial' });
      send('error', { message: 'model overloaded' });
    } else if (message.startsWith('[malformed]')) {
      writeEvent(res, '{not json', 'delta');
    } else if (message.startsWith('[stall]')) {
      send('delta', { text: 'Thinking' });
      return; // never ends: the run timeout must fire
    } else {
      send('delta', { text: 'Add the script tag, ' });
      send('delta', { text: 'then the element.' });
      send('sources', { sources: [SOURCE] });
    }
    send('done', {});
    res.end();
  };
}

describe('agent run outcomes (http provider against a scripted agent)', () => {
  let agent: FakeAgent;
  let server: TestServer;
  let client: SignedInClient;
  const hold: { release?: () => void; arrived?: () => void } = {};
  let received: RecordedRequest[];

  const stored = (conversationId: string) => storedMessages(server.database.url, conversationId);

  beforeAll(async () => {
    agent = await startFakeAgent();
    const route = agent.endpoint(scriptedAgent(hold));
    received = route.requests;
    server = await startTestServer({ AGENT_PROVIDER: 'http', AGENT_HTTP_URL: route.url, AGENT_TIMEOUT_MS: '1500', AGENT_RATE_LIMIT: '1000' });
    client = await signedInClient(server.url);
  });
  afterAll(async () => {
    await server.close();
    await agent.close();
  });

  it('stores the answer with its sources, and hands the agent the conversation so far', async () => {
    const first = (await client.post('/agents/run', { message: 'How do I embed it?' }).expect(200)).body;
    expect(first.assistantMessage).toMatchObject({ status: 'complete', content: 'Add the script tag, then the element.', sources: [SOURCE] });
    await client.post(`/conversations/${first.conversation.id}/messages`, { message: 'And on mobile?' }).expect(200);
    expect(received.at(-1)!.body).toEqual({
      message: 'And on mobile?',
      history: [
        { role: 'user', content: 'How do I embed it?' },
        { role: 'assistant', content: 'Add the script tag, then the element.' },
      ],
      conversationId: first.conversation.id,
      userId: expect.any(String),
    });
  });

  it('stores the user message before the agent has answered', async () => {
    const arrived = new Promise<void>((resolve) => (hold.arrived = resolve));
    const pending = client.post('/agents/run', { message: '[hold] are you there?' });
    const finished = pending.then((r) => r);
    await arrived;
    const list = (await client.get('/conversations?limit=1').expect(200)).body.items[0];
    expect(await stored(list.id)).toEqual([
      { role: 'user', content: '[hold] are you there?', status: 'complete', error_code: null },
      { role: 'assistant', content: '', status: 'streaming', error_code: null },
    ]);
    hold.release!();
    expect((await finished).body.assistantMessage.status).toBe('complete');
  });

  it.each([
    ['the connection is reset mid-stream', '[reset] please', 'AGENT_BAD_RESPONSE'],
    ['the agent reports an error', '[error] please', 'AGENT_FAILED'],
    ['the stream is malformed', '[malformed] please', 'AGENT_BAD_RESPONSE'],
    ['the agent stalls past the timeout', '[stall] please', 'AGENT_TIMEOUT'],
  ])('keeps the user message and stores an error answer when %s; the next run works', async (_label, message, code) => {
    await expectFailedRunKeepsConversation(client, server.database.url, message, code);
  });

  it('answers JSON clients with the stored error outcome', async () => {
    const { body } = await client.post('/agents/run', { message: '[error] json please' }).expect(200);
    expect(body.assistantMessage).toMatchObject({ status: 'error', errorCode: 'AGENT_FAILED' });
    expect(body.userMessage).toMatchObject({ status: 'complete', content: '[error] json please' });
  });

  it('goes on when the client goes away, and stores the whole answer', async () => {
    const rows = await leaveStreamedRun(server.url, client, server.database.url, '[slow] take your time', 3);
    expect(rows[1]!.content).toBe(Array.from({ length: 50 }, (_, i) => `part${i} `).join(''));
  });

  it('retries a failed answer under the same clientMessageId without storing the question twice', async () => {
    const clientMessageId = '2d1f4e3a-5b6c-4d7e-8f90-a1b2c3d4e5f6';
    const failed = (await client.post('/agents/run', { message: '[error] once', clientMessageId }).expect(200)).body;
    expect(failed.assistantMessage.status).toBe('error');
    // A failed answer is run again (the agent is asked a second time), in the same answer row.
    const retried = (await client.post('/agents/run', { message: '[error] once', clientMessageId, conversationId: failed.conversation.id }).expect(200)).body;
    expect(retried.userMessage.id).toBe(failed.userMessage.id);
    expect(retried.assistantMessage.id).toBe(failed.assistantMessage.id);
    expect(await stored(failed.conversation.id)).toHaveLength(2);
    expect(received.filter((r) => (r.body as { message: string }).message === '[error] once')).toHaveLength(2);
  });

  it('rejects another run of a message that is still being answered', async () => {
    const clientMessageId = '3e2f5a4b-6c7d-4e8f-9a01-b2c3d4e5f6a7';
    const arrived = new Promise<void>((resolve) => (hold.arrived = resolve));
    const first = client.post('/agents/run', { message: '[hold] one at a time', clientMessageId }).then((r) => r);
    await arrived;
    const second = await client.post('/agents/run', { message: '[hold] one at a time', clientMessageId }).expect(409);
    expect(second.body.code).toBe('RUN_IN_PROGRESS');
    hold.release!();
    expect((await first).status).toBe(200);
  });

  it('does not let a streamed answer escape the other checks: a bad token still gets 401 JSON', async () => {
    const response = await request(server.url).post('/agents/run').set('Accept', 'text/event-stream').send({ message: 'hi' }).expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });
});
