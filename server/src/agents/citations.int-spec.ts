import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { startFakeAgent, type FakeAgent } from '../../test/fakes/agent-server.js';
import { openEventStream, writeEvent } from '../../test/fakes/loopback-server.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../test/fakes/openai-server.js';
import { knowledgeFolder, type KnowledgeFolder } from '../../test/knowledge-fixtures.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

/** CITED_ANSWER once its markers are checked against two or more sources. */
const VALIDATED = [
  'Add the script tag [1]. Set the server [2][1]. Not, nor, but [1] and [1].',
  '',
  '```html',
  '<p>[7] stays</p>',
  '```',
  '',
  'Inline `items[3]` stays, and \\[4] too [2].',
].join('\n');

describe('citation markers in answers', () => {
  describe('from the openai provider', () => {
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

    it('asks the model for [n] markers over numbered passages', async () => {
      await client.post('/agents/run', { message: 'Which script tag loads the widget?' }).expect(200);
      const system = (openAi.requests.at(-1)!.body as { messages: Array<{ role: string; content: string }> }).messages[0]!.content;
      expect(system).toMatch(/cite the passage .* with its number in brackets, like \[1\]/);
      expect(system).toMatch(/^\[1\] /m);
    });

    it('removes markers past the end, zero and malformed ones, keeps code as it is, even split across deltas', async () => {
      const { events } = await client.stream('/agents/run', { message: 'page widget database [cite]' });
      const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text as string);
      const done = events.at(-1)!;
      expect(done.event).toBe('done');
      const answer = done.data.message;
      expect(answer.sources.length).toBeGreaterThanOrEqual(2);
      expect(answer.content).toBe(VALIDATED);
      // What streamed is what was stored: no delta ever showed a marker that was later removed.
      expect(deltas.join('')).toBe(VALIDATED);
      expect(deltas.length).toBeGreaterThan(20);
      for (const text of deltas) expect(text).not.toMatch(/\[(0|99)\]|\[\[1\]\]|\[1, 99\]/);
      // Sources 1 and 2 are cited; the others are related reading.
      expect(answer.sources.map((s: { cited: boolean }) => s.cited)).toEqual(answer.sources.map((_: unknown, i: number) => i < 2));
      const lastSources = events.filter((e) => e.event === 'sources').at(-1)!.data.sources;
      expect(lastSources).toEqual(answer.sources);

      const stored = (await client.get(`/conversations/${events[0]!.data.conversation.id}`).expect(200)).body.messages.at(-1);
      expect(stored).toMatchObject({ content: VALIDATED, sources: answer.sources });
      expect(stored.sources[0]).toMatchObject({ url: expect.stringMatching(/^https:\/\/docs\.example\.com\/.+#[\w-]+$/), quote: expect.any(String), chunkId: expect.any(String), documentId: expect.any(String) });
    });

    it('gives the same answer without streaming', async () => {
      const answer = (await client.post('/agents/run', { message: 'page widget database [cite]' }).expect(200)).body.assistantMessage;
      expect(answer.content).toBe(VALIDATED);
    });
  });

  describe('from the http provider, whose sources come after the text', () => {
    let agent: FakeAgent;
    let server: TestServer;
    let client: SignedInClient;

    beforeAll(async () => {
      agent = await startFakeAgent();
      const route = agent.endpoint((_request, response) => {
        openEventStream(response);
        for (const text of ['Use the tag [', '1] or [', '2', '] then ', 'read `a[1]`.']) writeEvent(response, JSON.stringify({ text }), 'delta');
        const source = { title: 'Embedding <img src=x onerror=alert(1)>', url: 'https://docs.example.com/embedding#script-tag', quote: 'One <b>script</b> tag.', snippet: '', score: 0.5 };
        writeEvent(response, JSON.stringify({ sources: [source] }), 'sources');
        writeEvent(response, '{}', 'done');
        response.end();
      });
      server = await startTestServer({ AGENT_PROVIDER: 'http', AGENT_HTTP_URL: route.url });
      client = await signedInClient(server.url);
    });
    afterAll(async () => {
      await server.close();
      await agent.close();
    });

    it('holds the text from the first marker until the sources arrive, then checks it against them', async () => {
      const { events } = await client.stream('/agents/run', { message: 'How do I embed it?' });
      const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text);
      // The text before the first marker streamed at once; from the marker on it waited for the sources.
      expect(deltas[0]).toBe('Use the tag');
      for (const text of deltas) expect(text).not.toContain('[2');
      const answer = events.at(-1)!.data.message;
      expect(answer.content).toBe('Use the tag [1] or then read `a[1]`.');
      expect(deltas.join('')).toBe(answer.content);
      // Quotes and titles are kept as the agent wrote them: text, escaped by whoever renders it.
      expect(answer.sources).toEqual([
        { title: 'Embedding <img src=x onerror=alert(1)>', url: 'https://docs.example.com/embedding#script-tag', quote: 'One <b>script</b> tag.', snippet: '', score: 0.5, cited: true },
      ]);
    });
  });
});
