import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { firstLink } from '../harness/smtp-inbox.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment({ REQUIRE_EMAIL_VERIFICATION: 'true' });

describe('scenario 8: email verification', () => {
  it(
    'signs up to "check your email", resends the link, refuses sign-in until the mailed link is followed, then chats',
    async () => {
      const user = newUser('confirming');
      const { page, widget } = await env().visit('/plain-html/');
      await widget.open();
      await widget.submitSignUp(user);
      await page.getByRole('heading', { name: 'Check your email' }).waitFor({ timeout: UI_TIMEOUT });
      await page.getByText(`We sent a link to ${user.email}.`).waitFor({ timeout: UI_TIMEOUT });

      await widget.button('Resend the link').click();
      await page.getByRole('status').filter({ hasText: 'A new link is on its way.' }).waitFor({ timeout: UI_TIMEOUT });
      const mails = await env().smtp.waitForAll(user.email, 2);
      expect(mails.map((m) => m.subject)).toEqual(['Confirm your email address', 'Confirm your email address']);

      // Signing in before confirming leads back to the same screen.
      await widget.button('I confirmed it: sign in').click();
      await widget.signIn(user.email, user.password);
      await page.getByRole('heading', { name: 'Check your email' }).waitFor({ timeout: UI_TIMEOUT });

      // The link goes through the chat server and lands back on the page the widget was on.
      await page.goto(firstLink(mails[1]!));
      expect(page.url().startsWith(`${env().server.examplesUrl}/plain-html/`)).toBe(true);
      await widget.ensureOpen();
      await widget.signIn(user.email, user.password);
      await widget.messageBox.waitFor({ timeout: UI_TIMEOUT });
      const answer = await widget.ask('How do I install Lumen?');
      expect(await answer.innerText()).toMatch(/install/i);

      await widget.screenshot('8-email-verification-signed-in');
    },
    SCENARIO_TIMEOUT,
  );
});
