import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import { startFakeAgent, type FakeAgent } from '../../test/fakes/agent-server.js';
import { openEventStream, type RecordedRequest, writeEvent } from '../../test/fakes/loopback-server.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../test/fakes/openai-server.js';
import { knowledgeFolder, type KnowledgeFolder } from '../../test/knowledge-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { findFreePort } from '../database/free-port.js';
import { KnowledgeIngester } from '../knowledge/knowledge-ingester.js';
import { KnowledgeRepository } from '../knowledge/knowledge.repository.js';
import { KnowledgeSearch } from '../knowledge/knowledge-search.js';
import { AgentError, type AgentEvent, type AgentProvider } from './agent-provider.js';
import { httpAgent } from './http/index.js';
import { openaiAgent } from './openai/index.js';
import { retrievalAgent } from './retrieval/index.js';
import { guardRuns } from './run-guard.js';

const TIMEOUT_MS = 5_000;
const QUESTION = 'How do I add the script tag?';

/** A provider under test, as the server runs it (guarded), and how to make it fail. */
interface Subject {
  provider: AgentProvider;
  /** A question the provider answers slowly or never, to abort mid-answer. */
  slowQuestion: string;
  /** A provider and question that fail, and the code expected. */
  failure: () => Promise<{ provider: AgentProvider; question: string; code: string }>;
}

/** A minimal site-owner agent: answers with deltas and sources; `[stall]` never ends, `[error]` reports one. */
function siteAgent(request: RecordedRequest, response: ServerResponse): void {
  const { message } = request.body as { message: string };
  openEventStream(response);
  writeEvent(response, JSON.stringify({ text: 'Add the script tag, ' }), 'delta');
  if (message.includes('[stall]')) return;
  if (message.includes('[error]')) {
    writeEvent(response, JSON.stringify({ message: 'model overloaded' }), 'error');
    response.end();
    return;
  }
  writeEvent(response, JSON.stringify({ text: 'then the element.' }), 'delta');
  writeEvent(response, JSON.stringify({ sources: [{ title: 'Embedding', url: 'https://docs.example.com/embedding', snippet: 'Add one script tag.', score: 0.8 }] }), 'sources');
  writeEvent(response, '{}', 'done');
  response.end();
}

async function run(provider: AgentProvider, message: string, signal = new AbortController().signal): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of provider.run({ message, history: [{ role: 'user', content: 'Hello' }], signal, conversationId: 'c1', userId: 'u1' })) events.push(event);
  return events;
}

describe('agent provider conformance', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let docs: KnowledgeFolder;
  let openAi: FakeOpenAi;
  let agent: FakeAgent;
  let knowledge: KnowledgeSearch;
  const subjects: Record<string, () => Subject> = {
    retrieval: () => ({
      provider: guardRuns(retrievalAgent({ knowledge }), { timeoutMs: TIMEOUT_MS }),
      slowQuestion: QUESTION,
      failure: async () => {
        // The knowledge base's database goes away under the agent.
        const gone = await new DataSource(dataSourceOptions({ url: database.url, poolMax: 1 })).initialize();
        await gone.destroy();
        return { provider: guardRuns(retrievalAgent({ knowledge: new KnowledgeSearch(new KnowledgeRepository(gone)) }), { timeoutMs: TIMEOUT_MS }), question: QUESTION, code: 'AGENT_FAILED' };
      },
    }),
    openai: () => ({
      provider: guardRuns(openaiAgent({ baseUrl: openAi.baseUrl, model: 'fake', knowledge }), { timeoutMs: TIMEOUT_MS }),
      slowQuestion: `[stall] ${QUESTION}`,
      failure: async () => ({
        provider: guardRuns(openaiAgent({ baseUrl: `http://127.0.0.1:${await findFreePort()}/v1`, model: 'fake', knowledge }), { timeoutMs: TIMEOUT_MS }),
        question: QUESTION,
        code: 'AGENT_UNREACHABLE',
      }),
    }),
    http: () => {
      const url = agent.endpoint(siteAgent).url;
      return {
        provider: guardRuns(httpAgent({ url }), { timeoutMs: TIMEOUT_MS }),
        slowQuestion: `[stall] ${QUESTION}`,
        failure: async () => ({ provider: guardRuns(httpAgent({ url }), { timeoutMs: TIMEOUT_MS }), question: `[error] ${QUESTION}`, code: 'AGENT_FAILED' }),
      };
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions({ url: database.url, poolMax: 2 })).initialize();
    docs = await knowledgeFolder();
    await new KnowledgeIngester(new KnowledgeRepository(dataSource), 'https://docs.example.com/').ingest([docs.path]);
    knowledge = new KnowledgeSearch(new KnowledgeRepository(dataSource));
    openAi = await startFakeOpenAi();
    agent = await startFakeAgent();
  });
  afterAll(async () => {
    await agent.close();
    await openAi.close();
    await dataSource.destroy();
    await database.drop();
    await docs.dispose();
  });

  describe.each(Object.keys(subjects))('%s', (id) => {
    let subject: Subject;
    beforeAll(() => {
      subject = subjects[id]!();
    });

    it('has its id', () => {
      expect(subject.provider.id).toBe(id);
    });

    it('yields text deltas and sources, its sources marked cited or not coming last', async () => {
      const events = await run(subject.provider, QUESTION);
      const kinds = events.map((e) => e.type);
      expect(kinds.at(-1)).toBe('sources');
      expect(kinds.filter((k) => k === 'delta').length).toBeGreaterThan(0);
      const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
      expect(text.trim().length).toBeGreaterThan(0);
      const sources = events.at(-1)!.type === 'sources' ? (events.at(-1) as Extract<AgentEvent, { type: 'sources' }>).sources : [];
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources) {
        expect(source).toMatchObject({ title: expect.any(String), url: expect.stringMatching(/^https?:\/\//), snippet: expect.any(String), score: expect.any(Number), cited: expect.any(Boolean) });
        if (source.quote !== undefined) expect(typeof source.quote).toBe('string');
      }
    });

    it('stops at once when aborted mid-answer, yielding nothing more', async () => {
      const controller = new AbortController();
      const seen: AgentEvent[] = [];
      const finished = (async () => {
        for await (const event of subject.provider.run({ message: subject.slowQuestion, history: [], signal: controller.signal, conversationId: 'c1', userId: 'u1' })) {
          seen.push(event);
          controller.abort();
        }
      })();
      await finished.catch(() => undefined); // ending quietly or with the abort reason are both fine
      expect(seen).toHaveLength(1);
    });

    it('reports failures as AgentError with a code', async () => {
      const { provider, question, code } = await subject.failure();
      const failure = await run(provider, question).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(AgentError);
      expect(failure).toMatchObject({ code });
    });
  });
});
