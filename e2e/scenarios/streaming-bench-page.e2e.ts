import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openStreamingPage, seedLongConversation, serveStreamingHost, STREAMING_SCENARIO, streamingServerEnv, streamLongAnswer, type StreamingHost } from '../../bench/streaming.js';
import { projectRoot } from '../../server/src/common/project-root.js';
import { findFreePort } from '../../server/src/database/free-port.js';
import { type FakeOpenAi, LONG_ANSWER_END, longAnswer, startFakeOpenAi } from '../../server/test/fakes/openai-server.js';
import { createTestDatabase, type TestDatabase } from '../../server/test/test-database.js';
import { launchBrowser } from '../harness/browser.js';
import { SCENARIO_TIMEOUT } from '../harness/e2e-environment.js';
import { ServerProcess } from '../harness/server-process.js';

// The page `npm run bench:streaming` measures, with the same server set-up: a figure from a page
// that renders wrongly (a missing message, raw Markdown, a truncated answer) would mean nothing.
let database: TestDatabase;
let openai: FakeOpenAi;
let server: ServerProcess;
let host: StreamingHost;
let browser: Browser;

beforeAll(async () => {
  database = await createTestDatabase();
  openai = await startFakeOpenAi();
  server = await ServerProcess.create(database.url);
  const hostPort = await findFreePort();
  await server.start({ ...streamingServerEnv(openai.baseUrl, `http://127.0.0.1:${hostPort}`), TRUST_PROXY: '127.0.0.1' });
  host = await serveStreamingHost(server.url, hostPort);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.stop();
  await openai?.close();
  await database?.drop();
}, 60_000);

describe('the streaming benchmark page', () => {
  it(
    'shows the 50 seeded messages, then the whole 2,000-token answer rendered as Markdown',
    async () => {
      const { sessionToken } = await seedLongConversation(server.url);
      const page = await openStreamingPage(browser, { serverUrl: server.url, hostUrl: host.url, sessionToken });
      const result = await streamLongAnswer(page);

      expect(result.messageCount).toBe(STREAMING_SCENARIO.seededPairs * 2 + 2);
      expect(result.lastAnswerText).toContain(LONG_ANSWER_END);
      const answer = page.getByRole('log', { name: 'Messages' }).locator('li.message.assistant').last();
      expect((await answer.locator('.markdown').innerText()).trim().endsWith(LONG_ANSWER_END)).toBe(true);
      // Every heading and list item of the streamed Markdown is an element, none is left as raw text.
      const expected = longAnswer(STREAMING_SCENARIO.answerTokens);
      expect(await answer.locator('.markdown h2').count()).toBe(expected.match(/^## /gm)!.length);
      expect(await answer.locator('.markdown li').count()).toBe(expected.match(/^- /gm)!.length);
      expect(result.lastAnswerText).not.toContain('**');
      mkdirSync(join(projectRoot(), 'e2e', 'screenshots'), { recursive: true });
      await page.screenshot({ path: join(projectRoot(), 'e2e', 'screenshots', 'streaming-bench-page.png') });
      await page.context().close();
    },
    SCENARIO_TIMEOUT,
  );
});
