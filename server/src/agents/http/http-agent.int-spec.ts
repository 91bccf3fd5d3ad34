import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { startFakeAgent, type FakeAgent } from '../../../test/fakes/agent-server.js';
import { openEventStream, writeEvent } from '../../../test/fakes/loopback-server.js';
import type { AgentEvent } from '../agent-provider.js';
import { guardRuns } from '../run-guard.js';
import { httpAgent } from './index.js';

const SOURCE = { title: 'Pricing', url: 'https://shop.example.com/pricing', snippet: 'Plans start at 5 €.', score: 0.7 };

describe('http provider: the contract with the site owner’s agent', () => {
  let agent: FakeAgent;
  beforeAll(async () => {
    agent = await startFakeAgent();
  });
  afterAll(() => agent.close());

  const answerFrom = async (handler: (response: ServerResponse) => void, token?: string) => {
    const route = agent.endpoint((_request, response) => handler(response));
    const events: AgentEvent[] = [];
    const provider = guardRuns(httpAgent({ url: route.url, token }), { timeoutMs: 2000 });
    const run = async () => {
      for await (const event of provider.run({ message: 'Price?', history: [], signal: new AbortController().signal, conversationId: 'c', userId: 'u' })) events.push(event);
    };
    return { route, events, run };
  };
  const json = (body: unknown, type = 'application/json') => (response: ServerResponse) => response.writeHead(200, { 'content-type': type }).end(typeof body === 'string' ? body : JSON.stringify(body));

  it('accepts one JSON answer with its sources, and sends the bearer token', async () => {
    const { route, events, run } = await answerFrom(json({ answer: 'From 5 € a month [1].', sources: [SOURCE] }), 'agent-token');
    await run();
    expect(events).toEqual([
      { type: 'sources', sources: [{ ...SOURCE, cited: false }] },
      { type: 'delta', text: 'From 5 € a month [1].' },
      { type: 'sources', sources: [{ ...SOURCE, cited: true }] },
    ]);
    expect(route.requests[0]!.headers).toMatchObject({ authorization: 'Bearer agent-token', accept: 'text/event-stream, application/json' });
  });

  it('hands on streamed sources as they come, the last event being the sources', async () => {
    const { events, run } = await answerFrom((response) => {
      openEventStream(response);
      writeEvent(response, JSON.stringify({ sources: [SOURCE] }), 'sources');
      writeEvent(response, JSON.stringify({ text: 'From 5 €.' }), 'delta');
      writeEvent(response, JSON.stringify({ anything: true }), 'thinking');
      writeEvent(response, '{}', 'done');
      response.end();
    });
    await run();
    expect(events).toEqual([
      { type: 'sources', sources: [{ ...SOURCE, cited: false }] },
      { type: 'delta', text: 'From 5 €.' },
      { type: 'sources', sources: [{ ...SOURCE, cited: false }] },
    ]);
  });

  it.each([
    ['a javascript: source URL', json({ answer: 'x', sources: [{ ...SOURCE, url: 'javascript:alert(1)' }] })],
    ['sources that are not a list', json({ answer: 'x', sources: { title: 'x' } })],
    ['a source without a title', json({ answer: 'x', sources: [{ url: SOURCE.url }] })],
    ['a JSON answer without "answer"', json({ text: 'x' })],
    ['a body that is not JSON', json('<html>oops</html>')],
    ['an HTML page', json('<html>Login</html>', 'text/html')],
    ['a stream that ends without done', (response: ServerResponse) => {
      openEventStream(response);
      writeEvent(response, JSON.stringify({ text: 'half' }), 'delta');
      response.end();
    }],
  ])('refuses %s with AGENT_BAD_RESPONSE', async (_label, handler) => {
    const { run } = await answerFrom(handler);
    await expect(run()).rejects.toMatchObject({ name: 'AgentError', code: 'AGENT_BAD_RESPONSE' });
  });

  it('reports an HTTP error status as AGENT_FAILED, quoting the agent’s message', async () => {
    const { run } = await answerFrom((response) => response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'warming up' })));
    await expect(run()).rejects.toMatchObject({ code: 'AGENT_FAILED', message: 'The agent answered HTTP 503: warming up.' });
  });
});
