import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { leaveStreamedRun, expectFailedRunKeepsConversation } from '../../../test/agent-run-assertions.js';
import { signedInClient, type SignedInClient } from '../../../test/api-client.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../../test/fakes/openai-server.js';
import { knowledgeFolder, type KnowledgeFolder } from '../../../test/knowledge-fixtures.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

describe('agent runs with the openai provider (against a local OpenAI-compatible server)', () => {
  let openAi: FakeOpenAi;
  let docs: KnowledgeFolder;
  let server: TestServer;
  let client: SignedInClient;


  beforeAll(async () => {
    openAi = await startFakeOpenAi();
    docs = await knowledgeFolder();
    server = await startTestServer({
      AGENT_PROVIDER: 'openai',
      OPENAI_BASE_URL: openAi.baseUrl,
      OPENAI_MODEL: 'fake-model',
      OPENAI_API_KEY: 'sk-test-key',
      AGENT_TIMEOUT_MS: '1500',
      AGENT_RATE_LIMIT: '1000',
      KNOWLEDGE_INGEST_ON_START: docs.path,
      KNOWLEDGE_BASE_URL: 'https://docs.example.com/',
    });
    client = await signedInClient(server.url);
  });
  afterAll(async () => {
    await server.close();
    await openAi.close();
    await docs.dispose();
  });

  it('streams the model’s tokens, giving it the history and the retrieved passages, and cites those passages', async () => {
    const first = (await client.post('/agents/run', { message: 'How do I deploy on Neon?' }).expect(200)).body;
    const { events } = await client.stream(`/conversations/${first.conversation.id}/messages`, { message: 'Can several instances share the database?' });
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(3);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data.message.content).toBe(deltas.map((d) => d.data.text).join(''));
    expect(done.data.message.content).toMatch(/^Answer to "Can several instances share the database\?" from \d passages and 2 earlier turns\.$/);
    expect(done.data.message.sources[0]).toMatchObject({ title: 'Deploying on Neon › Horizontal scaling', url: 'https://docs.example.com/guides/deployment.html#horizontal-scaling' });

    const request = openAi.requests.at(-1)!;
    expect(request.headers.authorization).toBe('Bearer sk-test-key');
    const body = request.body as { model: string; stream: boolean; messages: Array<{ role: string; content: string }> };
    expect(body).toMatchObject({ model: 'fake-model', stream: true });
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(body.messages[0]!.content).toContain('Instances are stateless: run several behind a load balancer');
    expect(body.messages[1]!.content).toBe('How do I deploy on Neon?');
    expect(body.messages[2]!.content).toBe(first.assistantMessage.content);
  });

  it('accepts a whole completion from a server that does not stream', async () => {
    const answer = (await client.post('/agents/run', { message: '[whole] How do I deploy?' }).expect(200)).body.assistantMessage;
    expect(answer).toMatchObject({ status: 'complete', content: expect.stringMatching(/^Answer to "\[whole\] How do I deploy\?"/) });
    expect(answer.sources[0].url).toMatch(/^https:\/\/docs\.example\.com\/guides\/deployment\.html#/);
  });

  it.each([
    ['the API answers HTTP 500', '[fail] hello', 'AGENT_FAILED'],
    ['the connection is reset mid-stream', '[reset] hello', 'AGENT_BAD_RESPONSE'],
    ['a chunk is malformed', '[malformed] hello', 'AGENT_BAD_RESPONSE'],
    ['the stream stalls past the timeout', '[stall] hello', 'AGENT_TIMEOUT'],
  ])('keeps the user message and stores an error answer when %s; the next run works', async (_label, message, code) => {
    await expectFailedRunKeepsConversation(client, server.database.url, message, code);
  });

  it('goes on streaming tokens when the client goes away, and stores the whole answer', async () => {
    const rows = await leaveStreamedRun(server.url, client, server.database.url, '[slow] take your time', 2);
    expect(rows[1]!.content).toMatch(/^Answer to/);
  });
});
