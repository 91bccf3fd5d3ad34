import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

// Quiet, deterministic Chromium: no background traffic, no updates, no first-run UI.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** The system Chromium (Debian's package) or the one named by CHROME_PATH; tests never download a browser. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? CANDIDATES.find((candidate) => existsSync(candidate));
  if (!path || !existsSync(path)) {
    throw new Error(
      `No Chromium found${process.env.CHROME_PATH ? ` at CHROME_PATH=${process.env.CHROME_PATH}` : ''}. ` +
        'The end-to-end tests need one: `apt-get install -y chromium` (Debian/Ubuntu), or set CHROME_PATH to a Chrome/Chromium binary.',
    );
  }
  return path;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS });
}

export interface ObservedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violation reports seen so far, as text. */
  problems: string[];
  console: ConsoleMessage[];
}

/** A fresh browser profile (own storage) with one page whose console and page errors are recorded. */
export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; headers?: Record<string, string> } = {},
): Promise<ObservedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 860 }, extraHTTPHeaders: options.headers });
  const page = await context.newPage();
  const problems: string[] = [];
  const messages: ConsoleMessage[] = [];
  page.on('console', (message) => {
    messages.push(message);
    if (message.type() === 'error') problems.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems, console: messages };
}
