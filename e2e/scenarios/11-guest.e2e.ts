import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { newUser, OIDC_PROVIDER_NAME, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

// As `npm start` serves the docs site: anyone may ask at once.
const env = useE2eEnvironment({ AUTH_MODES: 'guest,password,social' });
const OFFER = 'Sign in to keep your history on every device';

describe('scenario 11: a guest on the docs site', () => {
  it(
    'asks at once and gets a cited answer, signs up from the offer, and finds the same conversation in its history',
    async () => {
      const { page, widget, problems } = await env().visit('/docs-site/');
      await widget.open();
      // No sign-in form: the composer, and a quiet offer to sign in.
      await widget.messageBox.waitFor({ timeout: UI_TIMEOUT });
      expect(await widget.button('Sign in').count()).toBe(0);
      await widget.button(OFFER).waitFor({ timeout: UI_TIMEOUT });

      const guestSignIn = page.waitForResponse((r) => r.url().endsWith('/api/auth/sign-in/anonymous'), { timeout: UI_TIMEOUT });
      const answer = await widget.ask('How do I install Lumen?');
      expect((await guestSignIn).status()).toBe(200);
      expect(await answer.innerText()).toMatch(/install/i);
      const sources = answer.getByRole('region', { name: 'Sources' }).getByRole('link');
      const hrefs = await sources.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs.some((href) => href.startsWith(`${env().server.examplesUrl}/docs-site/`))).toBe(true);
      await widget.screenshot('11-guest-answer');

      // A reload keeps the guest and its conversation.
      await page.reload();
      await widget.ensureOpen();
      await widget.userMessages().filter({ hasText: 'How do I install Lumen?' }).waitFor({ timeout: UI_TIMEOUT });

      await widget.button(OFFER).click();
      const signUp = page.waitForRequest((r) => r.url().endsWith('/api/auth/sign-up/email'), { timeout: UI_TIMEOUT });
      await widget.signUp(newUser('guest'));
      // The sign-up carried the guest's own session: that is what moves its conversations.
      expect((await signUp).headers()['authorization']).toMatch(/^Bearer \S+/);
      await widget.userMessages().filter({ hasText: 'How do I install Lumen?' }).waitFor({ timeout: UI_TIMEOUT });
      expect(await widget.button(OFFER).count()).toBe(0);

      await page.reload();
      await widget.ensureOpen();
      await widget.openConversation('How do I install Lumen?');
      expect(await widget.answers().count()).toBe(1);
      expect(await widget.button(OFFER).count()).toBe(0);
      await widget.screenshot('11-guest-signed-up-history');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );

  it(
    'keeps the conversation when the guest signs in with a provider in a popup',
    async () => {
      const { page, widget, problems } = await env().visit('/docs-site/faq.html');
      await widget.open();
      await widget.ask('How do I back up Lumen?');

      await widget.button(OFFER).click();
      const popupOpened = page.waitForEvent('popup', { timeout: UI_TIMEOUT });
      await widget.button(`Continue with ${OIDC_PROVIDER_NAME}`).click({ timeout: UI_TIMEOUT });
      const popup = await popupOpened;
      await popup.getByLabel('Username').fill(`guest-${randomBytes(3).toString('hex')}`, { timeout: UI_TIMEOUT });
      await popup.getByLabel('Password').fill('whatever');
      const merged = page.waitForResponse((r) => r.url().endsWith('/users/me/guest-merge'), { timeout: UI_TIMEOUT });
      await popup.getByRole('button', { name: 'Sign in' }).click();
      expect((await merged).status()).toBe(200);

      await widget.userMessages().filter({ hasText: 'How do I back up Lumen?' }).waitFor({ timeout: UI_TIMEOUT });
      expect(await widget.button(OFFER).count()).toBe(0);
      await widget.openConversation('How do I back up Lumen?');
      expect(await widget.answers().count()).toBe(1);
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
