import type { Browser, Page } from 'playwright-core';
import { findFreePort } from '../server/src/database/free-port.js';
import { BENCH_ORIGIN } from './api-users.js';
import type { ChildServer } from './processes.js';
import { ms, type Row } from './report.js';
import type { StartServer } from './standalone.js';
import { type Latency, summarize } from './stats.js';
import { serveStreamingHost, type StreamingHost } from './streaming.js';

const UI_TIMEOUT = 60_000;
const QUESTION = 'How do I embed the widget on my site?';
/** Tens of visits: p50 and p95 (a p99 of so few would be the maximum). */
const p50p95 = (latency: Latency) => `p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}`;
const ANSWER_RECEIVED = `new Promise((resolve) => document.querySelector('chat-widget').addEventListener('chat-widget:answer-received', () => resolve(true), { once: true }))`;

/** Settings for the scenario: guests on, and no limit that a bench from one address would reach. */
function guestServerEnv(hostUrl: string): Record<string, string> {
  return {
    AUTH_MODES: 'guest,password,social',
    ALLOWED_ORIGINS: `${BENCH_ORIGIN},${hostUrl}`,
    GUEST_AGENT_RATE_LIMIT: '100000',
    // Every visitor of the bench comes from 127.0.0.1: new guests are limited like sign-ups per address.
    AUTH_SIGN_UP_RATE_LIMIT_MAX: '100000',
  };
}

interface GuestRun {
  /** Click on the launcher → the composer shows (panel chunk, GET /config). */
  composerMs: number;
  /** Click on the launcher → the first answer shown complete (+ guest sign-in, /token, the agent run). */
  answerMs: number;
}

/** A new visitor (fresh browser profile) opens the widget and asks at once, as a guest. */
async function firstAnswer(browser: Browser, hostUrl: string): Promise<GuestRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const page: Page = await context.newPage();
    await page.goto(hostUrl);
    const launcher = page.getByRole('button', { name: 'Open chat', exact: true });
    await launcher.waitFor({ timeout: UI_TIMEOUT });
    const started = performance.now();
    await launcher.click();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.waitFor({ timeout: UI_TIMEOUT });
    const composerMs = performance.now() - started;
    const answered = page.evaluate(ANSWER_RECEIVED);
    await composer.fill(QUESTION);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await answered;
    return { composerMs, answerMs: performance.now() - started };
  } finally {
    await context.close();
  }
}

/**
 * A guest's first answer on a host page of another origin (AUTH_MODES=guest, the built-in
 * retrieval agent over the server's docs): from the click on the launcher (widget script loaded,
 * panel not yet) to the answer shown complete, the question typed as soon as the composer shows.
 * Timed from the bench process through the browser protocol (a few ms of its own per step).
 */
export async function measureGuestFirstAnswer(options: { startServer: StartServer; runs: number; log(line: string): void }): Promise<Row[]> {
  const { chromium } = await import('playwright-core');
  const hostPort = await findFreePort();
  let server: ChildServer | undefined;
  let host: StreamingHost | undefined;
  let browser: Browser | undefined;
  try {
    server = await options.startServer(guestServerEnv(`http://127.0.0.1:${hostPort}`));
    host = await serveStreamingHost(server.url, hostPort);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    // One visit first, so the figures are of a warm server, not of its first request.
    await firstAnswer(browser, host.url);
    const runs: GuestRun[] = [];
    for (let i = 0; i < options.runs; i++) runs.push(await firstAnswer(browser, host.url));
    const composer = summarize(runs.map((r) => r.composerMs));
    const answer = summarize(runs.map((r) => r.answerMs));
    options.log(`guest first answer: ${p50p95(answer)} (composer after ${ms(composer.p50)} median)`);
    const S = `Widget, a guest's first answer (headless Chromium, ${options.runs} new visitors, retrieval agent)`;
    return [
      { section: S, figure: 'Open the widget → the composer shows (panel loaded, GET /config)', result: p50p95(composer) },
      { section: S, figure: 'Open the widget → the first answer shown complete (+ guest sign-in, JWT, agent run)', result: p50p95(answer) },
    ];
  } finally {
    await browser?.close();
    await host?.close();
    await server?.stop();
  }
}
