import type { Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../../server/test/test-database.js';
import { launchBrowser } from './browser.js';
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
  close(): Promise<void>;
}

/**
 * Everything a scenario runs against, all real and local: the compiled server in its own process
 * with a database of its own, an SMTP server catching its emails, an OpenID Connect provider for
 * social sign-in, and a headless Chromium.
 */
export async function startE2eEnvironment(): Promise<E2eEnvironment> {
  const database = await createTestDatabase();
  const smtp = await SmtpInbox.start();
  const server = await ServerProcess.create(database.url);
  const oidc = await LocalOidcProvider.start({ redirectUri: `${server.url}/api/auth/callback/${OIDC_PROVIDER_ID}` });
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
    });
    browser = await launchBrowser();
  } catch (error) {
    await closeAll(browser);
    throw error;
  }
  const launched = browser;
  return { server, smtp, oidc, browser: launched, database, close: () => closeAll(launched) };
}
