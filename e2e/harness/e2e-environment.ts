import { afterAll, beforeAll } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../../server/test/test-database.js';
import { uniqueEmail, uniqueIp } from '../../server/test/auth-helpers.js';
import { AUTH_BASE_PATH } from '../../server/src/common/auth-base-path.js';
import { projectRoot } from '../../server/src/common/project-root.js';
import { join } from 'node:path';
import { launchBrowser, openPage, type ObservedPage } from './browser.js';
import { WidgetDriver, type Credentials } from './widget-driver.js';
import { LocalOidcProvider } from './oidc-provider.js';
import { ServerProcess } from './server-process.js';
import { SmtpInbox } from './smtp-inbox.js';

export const OIDC_PROVIDER_ID = 'oidc';
export const OIDC_PROVIDER_NAME = 'Local OIDC';

export interface E2eEnvironment {
  server: ServerProcess;
  smtp: SmtpInbox;
  oidc: LocalOidcProvider;
  browser: Browser;
  database: TestDatabase;
  /** A new visitor (own browser profile and client IP) on an example page, e.g. `/plain-html/`. */
  visit(path: string, options?: { viewport?: { width: number; height: number } }): Promise<Visit>;
  close(): Promise<void>;
}

export interface Visit extends ObservedPage {
  widget: WidgetDriver;
}

/**
 * Everything a scenario runs against, all real and local: the compiled server in its own process
 * with a database of its own, an SMTP server catching its emails, an OpenID Connect provider for
 * social sign-in, and a headless Chromium.
 */
export async function startE2eEnvironment(settings: Record<string, string> = {}): Promise<E2eEnvironment> {
  const database = await createTestDatabase();
  const smtp = await SmtpInbox.start();
  const server = await ServerProcess.create(database.url);
  const oidc = await LocalOidcProvider.start({ redirectUri: `${server.url}${AUTH_BASE_PATH}/callback/${OIDC_PROVIDER_ID}` });
  const closeAll = async (browser?: Browser) => {
    await browser?.close();
    await server.stop();
    await Promise.all([oidc.close(), smtp.close()]);
    await database.drop();
  };
  let browser: Browser | undefined;
  try {
    await server.start({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Chat Widget <no-reply@chat.test>',
      OIDC_DISCOVERY_URL: oidc.discoveryUrl,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_PROVIDER_ID,
      OIDC_PROVIDER_NAME,
      // The Lumen documentation site is the knowledge base, as in development.
      KNOWLEDGE_INGEST_ON_START: join(projectRoot(), 'examples', 'docs-site'),
      KNOWLEDGE_BASE_URL: `${server.examplesUrl}/docs-site/`,
      // Every visitor sends its own X-Forwarded-For, so Better Auth's per-IP limits see distinct clients.
      TRUST_PROXY: '127.0.0.1',
      // The server's own default (`npm start` adds guests for the examples): scenarios sign in first
      // unless they ask for guests.
      AUTH_MODES: 'password,social',
      ...settings,
    });
    browser = await launchBrowser();
  } catch (error) {
    await closeAll(browser);
    throw error;
  }
  const launched = browser;
  const visit = async (path: string, options: { viewport?: { width: number; height: number } } = {}): Promise<Visit> => {
    const observed = await openPage(launched, { ...options, headers: { 'x-forwarded-for': uniqueIp() } });
    await observed.page.goto(`${server.examplesUrl}${path}`);
    return { ...observed, widget: new WidgetDriver(observed.page) };
  };
  return { server, smtp, oidc, browser: launched, database, visit, close: () => closeAll(launched) };
}

/**
 * Starts the environment (with extra server settings, or a function that starts what they point
 * at and returns them) before a file's scenarios and stops it after them.
 */
export function useE2eEnvironment(settings: Record<string, string> | (() => Promise<Record<string, string>>) = {}): () => E2eEnvironment {
  let env: E2eEnvironment | undefined;
  beforeAll(async () => {
    env = await startE2eEnvironment(typeof settings === 'function' ? await settings() : settings);
  }, 120_000);
  afterAll(() => env?.close(), 60_000);
  return () => {
    if (!env) throw new Error('e2e environment not started (see beforeAll)');
    return env;
  };
}

export function newUser(prefix = 'visitor'): Credentials {
  return { name: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} Tester`, email: uniqueEmail(prefix), password: `pw-${randomBytes(6).toString('hex')}` };
}

/** Scenarios drive a browser through several server round trips on a busy machine. */
export const SCENARIO_TIMEOUT = 300_000;
