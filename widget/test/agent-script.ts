/**
 * Everything the widget tests assume about the agent, in one place, so switching agents changes
 * one file. Today: the server's openai provider against the local OpenAI-compatible fake
 * (server/test/fakes/openai-server.ts), which answers `Answer to "<question>" …`, paces tokens on
 * `[slow]` and fails the run on `[fail]`, with a one-page knowledge base every answer cites.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAi } from '../../server/test/fakes/openai-server.js';

/** Settings the test server needs for this agent. */
export interface AgentHandle {
  env: Record<string, string>;
  stop(): Promise<void>;
}

// Words the tests' messages use, so the knowledge search finds this page for every one of them.
const KNOWLEDGE_PAGE = `# Doc

Every topic, test, message, answer, streaming run, retry, stop and follow-up in the widget tests cites this page.
`;

/** Starts the fake LLM and writes the knowledge base; called once by the global setup. */
export async function startAgent(): Promise<AgentHandle> {
  const openai = await startFakeOpenAi();
  const knowledge = await mkdtemp(join(tmpdir(), 'widget-test-knowledge-'));
  await writeFile(join(knowledge, 'doc.md'), KNOWLEDGE_PAGE);
  return {
    env: {
      AGENT_PROVIDER: 'openai',
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_MODEL: 'fake-model',
      KNOWLEDGE_INGEST_ON_START: knowledge,
      KNOWLEDGE_BASE_URL: 'https://example.com/',
    },
    stop: async () => {
      await openai.close();
      await rm(knowledge, { recursive: true, force: true });
    },
  };
}

/** A message whose answer streams slowly enough to be stopped midway (about 50 tokens, 50 ms apart). */
export const slowMessage = (text: string) => `[slow] ${text} ${Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')}`;

/** Text that appears early in the answer to a slowMessage. */
export const slowAnswerStart = 'Answer';

/** Text that appears only at the end of the answer to a slowMessage. */
export const slowAnswerEnd = 'earlier turns';

/** A message whose run fails after the user message is stored. */
export const failingMessage = (text: string) => `[fail] ${text}`;

/** A text only the answer to `message` contains, once it is complete. */
export const answerContains = (message: string) => `Answer to "${message}"`;

/** The source every answer cites. */
export const citedSource = { title: 'Doc', url: 'https://example.com/doc.md#doc' };

/** A message whose answer cites its source with `[n]` markers, some valid, some not, some in code (CITED_ANSWER). */
export const citingMessage = (text: string) => `[cite] ${text}`;

