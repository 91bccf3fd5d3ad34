import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { findFreePort } from '../server/src/database/free-port.js';
import { startFakeOpenAi } from '../server/test/fakes/openai-server.js';
import { BENCH_ORIGIN, fetchJwt, signUpBenchUser } from './api-users.js';
import type { ChildServer } from './processes.js';
import { ms, type Row } from './report.js';
import { summarize } from './stats.js';

/**
 * The streaming benchmark's scenario: a conversation of 50 long messages (25 questions of about
 * 100 words, 25 Markdown answers of 300 tokens) on screen, then a 2,000-token Markdown answer
 * streamed into it, one SSE `delta` per token, 5 ms apart (200 tokens/s, faster than a real model,
 * so that rendering, not waiting, dominates).
 */
export const STREAMING_SCENARIO = {
  seededPairs: 25,
  seededAnswerTokens: 300,
  answerTokens: 2000,
  tokenDelayMs: 5,
  /** A task over this long is a "long task" (the browser's own definition, and the target: none). */
  longTaskMs: 50,
};

const UI_TIMEOUT = 120_000;
const FILLER = Array.from({ length: 90 }, (_, i) => ['widget', 'setting', 'page', 'answer', 'history', 'origin'][i % 6]).join(' ');

/** The host page: a customer's article with the widget, on an origin of its own. */
const HOST_PAGE = (serverUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Streaming bench</title></head>
<body><main><h1>A customer's page</h1><p>${'Some content. '.repeat(100)}</p></main>
<script type="module" src="${serverUrl}/widget/chat-widget.js"></script>
<chat-widget server="${serverUrl}"></chat-widget>
</body></html>`;

export interface StreamingHost {
  url: string;
  close(): Promise<void>;
}

/** Serves the bench's host page; the API server must list `url` in ALLOWED_ORIGINS. */
export async function serveStreamingHost(serverUrl: string, port: number): Promise<StreamingHost> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(HOST_PAGE(serverUrl));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Settings the API server needs for the scenario: the openai provider against the local fake. */
export function streamingServerEnv(openAiBaseUrl: string, hostUrl: string): Record<string, string> {
  return {
    AGENT_PROVIDER: 'openai',
    OPENAI_BASE_URL: openAiBaseUrl,
    OPENAI_MODEL: 'fake-model',
    ALLOWED_ORIGINS: `${BENCH_ORIGIN},${hostUrl}`,
    AGENT_RATE_LIMIT: '100000',
  };
}

async function postJson(url: string, jwt: string, body: object): Promise<{ conversation: { id: string } }> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json', origin: BENCH_ORIGIN }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { conversation: { id: string } };
}

/** A new account with one conversation of `seededPairs` long questions and answers, made through the API. */
export async function seedLongConversation(serverUrl: string): Promise<{ sessionToken: string; conversationId: string }> {
  const user = await signUpBenchUser(serverUrl, 'streaming');
  const jwt = await fetchJwt(serverUrl, user.sessionToken);
  let conversationId: string | undefined;
  for (let i = 0; i < STREAMING_SCENARIO.seededPairs; i++) {
    const message = `[long=${STREAMING_SCENARIO.seededAnswerTokens}] Question ${i + 1}: ${FILLER}`;
    const url = conversationId ? `${serverUrl}/conversations/${conversationId}/messages` : `${serverUrl}/agents/run`;
    conversationId = (await postJson(url, jwt, { message })).conversation.id;
  }
  return { sessionToken: user.sessionToken, conversationId: conversationId! };
}

/**
 * The host page in a fresh browser profile, signed in (the session token in the widget's storage,
 * as after an earlier visit), with the seeded conversation open and all its pages loaded.
 */
export async function openStreamingPage(browser: Browser, options: { serverUrl: string; hostUrl: string; sessionToken: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.addInitScript(`localStorage.setItem(${JSON.stringify(`chat-widget:${options.serverUrl}:session`)}, ${JSON.stringify(options.sessionToken)})`);
  const page = await context.newPage();
  await page.goto(options.hostUrl);
  await page.getByRole('button', { name: 'Open chat', exact: true }).click({ timeout: UI_TIMEOUT });
  await page.getByRole('button', { name: 'History', exact: true }).click({ timeout: UI_TIMEOUT });
  await page.getByRole('list', { name: 'Conversations' }).getByRole('button').first().click({ timeout: UI_TIMEOUT });
  const log = page.getByRole('log', { name: 'Messages' });
  const idle = () => log.and(page.locator('[aria-busy="false"]')).waitFor({ timeout: UI_TIMEOUT });
  const messages = log.locator('li.message[data-status]');
  await messages.first().waitFor({ timeout: UI_TIMEOUT });
  await idle();
  const older = page.getByRole('button', { name: 'Load older messages', exact: true });
  while (await older.isVisible()) {
    await older.click();
    await idle();
  }
  const count = await messages.count();
  if (count !== STREAMING_SCENARIO.seededPairs * 2) throw new Error(`expected ${STREAMING_SCENARIO.seededPairs * 2} messages on screen, found ${count}`);
  return page;
}

export interface StreamingResult {
  /** Every task over 50 ms while the answer streamed, in ms. */
  longTasks: number[];
  /** Main-thread JavaScript while the answer streamed (CPU profile samples in script, GC included), ms. */
  scriptMs: number;
  /** All main-thread task time (CDP TaskDuration: script, style, layout, paint), ms. */
  taskMs: number;
  /** From the click on Send to the answer shown complete, ms. */
  wallMs: number;
  /** After the answer: messages in the log, and the text of the last one. */
  messageCount: number;
  lastAnswerText: string;
}

// In-page scripts (the server tsconfig has no DOM types, so they are plain JavaScript strings).
const OBSERVE_LONG_TASKS = `window.benchLongTasks = [];
new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.benchLongTasks.push(entry.duration))).observe({ type: 'longtask' });`;
const NEXT_FRAME = `new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))`;

/** Time the profile's samples spent in JavaScript (and its garbage collection), not idle or in the browser's own work. */
function scriptTime(profile: { nodes: Array<{ id: number; callFrame: { functionName: string } }>; samples?: number[]; timeDeltas?: number[] }): number {
  const outside = new Set(profile.nodes.filter((node) => ['(idle)', '(program)', '(root)'].includes(node.callFrame.functionName)).map((node) => node.id));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let micros = 0;
  // Each delta is the time before its sample: the time a sample stands for is the next one's delta.
  for (let i = 0; i < samples.length - 1; i++) if (!outside.has(samples[i]!)) micros += deltas[i + 1]!;
  return micros / 1000;
}

const metric = (metrics: Array<{ name: string; value: number }>, name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;

/** Sends the question whose answer is 2,000 tokens long and measures the main thread until it is complete. */
export async function streamLongAnswer(page: Page): Promise<StreamingResult> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await page.evaluate(OBSERVE_LONG_TASKS);
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(`[long=${STREAMING_SCENARIO.answerTokens}] [pace=${STREAMING_SCENARIO.tokenDelayMs}] How do I set the widget up?`);
  const before = (await cdp.send('Performance.getMetrics')).metrics;
  await cdp.send('Profiler.start');
  const started = Date.now();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const log = page.getByRole('log', { name: 'Messages' });
  const lastAnswer = log.locator('li.message.assistant').last();
  await log.locator('li.message.assistant[data-status="complete"]').nth(STREAMING_SCENARIO.seededPairs).waitFor({ timeout: UI_TIMEOUT });
  const wallMs = Date.now() - started;
  // Long tasks are reported after they end: one more frame lets the last one in.
  await page.evaluate(NEXT_FRAME);
  const after = (await cdp.send('Performance.getMetrics')).metrics;
  const { profile } = await cdp.send('Profiler.stop');
  const longTasks = await page.evaluate<number[]>('window.benchLongTasks');
  await cdp.detach();
  const seconds = (name: string) => (metric(after, name) - metric(before, name)) * 1000;
  return {
    longTasks,
    scriptMs: scriptTime(profile),
    taskMs: seconds('TaskDuration'),
    wallMs,
    messageCount: await log.locator('li.message[data-status]').count(),
    lastAnswerText: await lastAnswer.innerText(),
  };
}

/**
 * `runs` times: a fresh account and conversation, a fresh page, one 2,000-token answer streamed.
 * Starts its own API server (openai provider against a local fake) and host page.
 */
export async function measureStreaming(options: { startServer(env: Record<string, string>): Promise<ChildServer>; runs: number; log(line: string): void }): Promise<Row[]> {
  const { chromium } = await import('playwright-core');
  const openai = await startFakeOpenAi();
  const hostPort = await findFreePort();
  let host: StreamingHost | undefined;
  let server: ChildServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await options.startServer(streamingServerEnv(openai.baseUrl, `http://127.0.0.1:${hostPort}`));
    host = await serveStreamingHost(server.url, hostPort);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const results: StreamingResult[] = [];
    for (let i = 0; i < options.runs; i++) {
      const { sessionToken } = await seedLongConversation(server.url);
      const page = await openStreamingPage(browser, { serverUrl: server.url, hostUrl: host.url, sessionToken });
      const result = await streamLongAnswer(page);
      await page.context().close();
      options.log(
        `streaming run ${i + 1}: ${result.longTasks.length} long tasks (max ${ms(Math.max(0, ...result.longTasks))}), script ${ms(result.scriptMs)}, tasks ${ms(result.taskMs)}, ${ms(result.wallMs)} wall`,
      );
      results.push(result);
    }
    const S = `Widget, streaming (${STREAMING_SCENARIO.answerTokens}-token answer into ${STREAMING_SCENARIO.seededPairs * 2} long messages, headless Chromium, ${options.runs} runs)`;
    const longTasks = results.flatMap((r) => r.longTasks);
    const maxLong = Math.max(0, ...longTasks);
    const script = summarize(results.map((r) => r.scriptMs));
    const tasks = summarize(results.map((r) => r.taskMs));
    const wall = summarize(results.map((r) => r.wallMs));
    return [
      {
        section: S,
        figure: 'Long tasks (> 50 ms) while the answer streams',
        result: `${(longTasks.length / results.length).toFixed(1)} per run; longest ${ms(maxLong)}`,
        target: 'none over 50 ms',
        met: longTasks.length === 0,
      },
      { section: S, figure: 'Main-thread script time while the answer streams (CPU profile)', result: `median ${ms(script.p50)} (all task time ${ms(tasks.p50)}; answer complete after ${ms(wall.p50)})` },
    ];
  } finally {
    await browser?.close();
    await host?.close();
    await server?.stop();
    await openai.close();
  }
}
