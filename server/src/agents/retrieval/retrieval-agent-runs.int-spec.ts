import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { signedInClient, type SignedInClient } from '../../../test/api-client.js';
import { awkwardStrings, corpus } from '../../../test/corpora.js';
import { knowledgeFolder, SITE_DOCS, type KnowledgeFolder } from '../../../test/knowledge-fixtures.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

const XSS = corpus('xss.txt');

describe('agent runs with the retrieval provider', () => {
  let docs: KnowledgeFolder;
  let server: TestServer;
  let client: SignedInClient;

  beforeAll(async () => {
    docs = await knowledgeFolder({ ...SITE_DOCS, 'hostile/payloads.md': `# Hostile payloads\n\n${XSS.join('\n\n')}` });
    server = await startTestServer({ KNOWLEDGE_INGEST_ON_START: docs.path, KNOWLEDGE_BASE_URL: 'https://docs.example.com/', AGENT_RATE_LIMIT: '10000' });
    client = await signedInClient(server.url);
  });
  afterAll(async () => {
    await server.close();
    await docs.dispose();
  });

  const ask = async (message: string) => (await client.post('/agents/run', { message }).expect(200)).body.assistantMessage;

  it('answers different questions from different, relevant documents', async () => {
    const embed = await ask('Which script tag loads chat-widget.js?');
    const scale = await ask('Can I run several instances behind a load balancer?');
    const password = await ask('I forgot my password, how do I reset it?');
    // Each source links to its section's heading.
    expect(embed.sources[0].url).toBe('https://docs.example.com/embedding.md#script-tag');
    expect(scale.sources[0].url).toBe('https://docs.example.com/guides/deployment.html#horizontal-scaling');
    expect(password.sources[0].url).toBe('https://docs.example.com/faq.txt');
    expect(embed.content).toContain('```html\n<script src="https://chat.example.com/widget/chat-widget.js"></script>');
    expect(scale.content).toContain('run several behind a load balancer');
    for (const answer of [embed, scale, password]) {
      expect(answer.status).toBe('complete');
      for (const source of answer.sources) expect(answer.content).not.toContain(source.url);
      // Every source is cited by its marker, and carries the passage it quotes.
      answer.sources.forEach((source: { cited: boolean; quote: string; chunkId: string; documentId: string }, i: number) => {
        expect(answer.content).toContain(`[${i + 1}]`);
        expect(source).toMatchObject({ cited: true, quote: expect.any(String), chunkId: expect.any(String), documentId: expect.any(String) });
      });
    }
    expect(embed.content).toMatch(/^From \*\*Embedding guide › Script tag\*\* \[1\]:/);
  });

  it('streams the answer in pieces that add up to the stored message', async () => {
    const { events } = await client.stream('/agents/run', { message: 'How do I change the colours?' });
    const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text);
    expect(deltas.length).toBeGreaterThan(3);
    // The sources come first, so markers stream live; the last sources event says which are cited.
    const sources = events.filter((e) => e.event === 'sources');
    expect(events.findIndex((e) => e.event === 'sources')).toBeLessThan(events.findIndex((e) => e.event === 'delta'));
    expect(sources[0]!.data.sources[0]).toMatchObject({ title: 'Theming', url: 'https://docs.example.com/theming.md#theming', score: expect.any(Number), cited: false });
    expect(sources.at(-1)!.data.sources[0]).toMatchObject({ title: 'Theming', cited: true });
    expect(events.at(-1)!.data.message.sources).toEqual(sources.at(-1)!.data.sources);
    expect(events.at(-1)!.data.message.content).toBe(deltas.join(''));
    expect(deltas.join('')).toContain('| `--chat-widget-accent` | `#2563eb` |');
  });

  it('continues a cut answer with the rest of it, so the whole reads as the uncut answer', async () => {
    const whole = (await client.post('/agents/run', { message: 'How do I change the colours?' }).expect(200)).body.assistantMessage;
    // The state a server that died mid-answer leaves: the first part kept, the run interrupted.
    const cut = whole.content.slice(0, Math.floor(whole.content.length / 3));
    const db = new pg.Client({ connectionString: server.database.url });
    await db.connect();
    try {
      await db.query(`UPDATE messages SET content = $2, status = 'interrupted' WHERE id = $1`, [whole.id, cut]);
      await db.query(`UPDATE runs SET status = 'interrupted' WHERE id = $1`, [whole.runId]);
    } finally {
      await db.end();
    }
    const continued = await client.stream(`/runs/${whole.runId}/continue`, {});
    const rest = continued.events.filter((e) => e.event === 'delta').map((e) => e.data.text as string).join('');
    expect(cut + rest).toBe(whole.content);
    expect(continued.events.at(-1)!.data.message).toMatchObject({ id: whole.id, status: 'complete', content: whole.content, sources: whole.sources });
  });

  it('reads a follow-up that matches nothing alone together with the question before it', async () => {
    const first = (await client.post('/agents/run', { message: 'How do I change the colours?' }).expect(200)).body;
    const followUp = (await client.post(`/conversations/${first.conversation.id}/messages`, { message: 'And for buttons?' }).expect(200)).body;
    expect(followUp.assistantMessage.sources[0].url).toBe('https://docs.example.com/theming.md#theming');
  });

  it('says plainly when the docs do not cover a question, citing nothing', async () => {
    const answer = await ask('What is the airspeed velocity of an unladen swallow?');
    expect(answer).toMatchObject({ status: 'complete', sources: [] });
    expect(answer.content).toMatch(/^I couldn't find that in the docs\./);
  });

  it('hands hostile passages back as text, and survives every awkward question', async () => {
    const answer = await ask('hostile payloads click');
    expect(answer.sources[0]).toMatchObject({ title: 'Hostile payloads', url: 'https://docs.example.com/hostile/payloads.md#hostile-payloads' });
    expect(answer.content).toContain(XSS[0]);
    const messages = [...awkwardStrings(), ...XSS];
    // A few at a time: each is an independent conversation, and a hundred in a row is slow on a busy machine.
    for (let i = 0; i < messages.length; i += 6) {
      await Promise.all(
        messages.slice(i, i + 6).map(async (message) => {
          const response = await client.post('/agents/run', { message });
          if (response.status === 400) expect(response.body.code).toBe('VALIDATION_FAILED');
          else expect({ message, status: response.status, answer: response.body.assistantMessage.status }).toEqual({ message, status: 200, answer: 'complete' });
        }),
      );
    }
  });
});

describe('the demo knowledge base: the project’s own docs', () => {
  let server: TestServer;
  let client: SignedInClient;

  beforeAll(async () => {
    server = await startTestServer({ KNOWLEDGE_INGEST_ON_START: 'docs' });
    client = await signedInClient(server.url);
  });
  afterAll(() => server.close());

  it('answers questions about this SDK with links that resolve on this server', async () => {
    const answer = (await client.post('/agents/run', { message: 'Which error codes can the API return?' }).expect(200)).body.assistantMessage;
    expect(answer.sources.length).toBeGreaterThan(0);
    for (const source of answer.sources) {
      expect(source.url.startsWith(`${server.config.publicUrl}/docs/`)).toBe(true);
      const page = await request(server.url).get(new URL(source.url).pathname).expect(200);
      expect(page.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
  });

  it('serves only the docs folder, read-only', async () => {
    expect([403, 404]).toContain((await request(server.url).get('/docs/../package.json')).status);
    await request(server.url).delete('/docs/api.md').expect(404);
  });
});
