import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { firstLink } from '../harness/smtp-inbox.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

describe('scenario 3: forgot password', () => {
  it(
    'emails a reset link through SMTP; the link sets a new password in the widget; the new one signs in and the old one fails',
    async () => {
      const user = newUser('forgetful');
      const first = await env().visit('/plain-html/');
      await first.widget.open();
      await first.widget.signUp(user);
      await first.widget.button('Sign out').click();
      await first.context.close();

      const { page, widget } = await env().visit('/plain-html/');
      await widget.open();
      await widget.button('Forgot password?').click({ timeout: UI_TIMEOUT });
      await page.getByLabel('Email').fill(user.email);
      await widget.button('Send reset link').click();
      await page.getByRole('status').filter({ hasText: 'Check your email' }).waitFor({ timeout: UI_TIMEOUT });

      const mail = await env().smtp.waitFor(user.email);
      expect(mail.subject).toBe('Reset your password');
      const link = new URL(firstLink(mail));
      const token = link.pathname.split('/').pop()!;
      expect(token.length).toBeGreaterThan(10);
      await page.goto(link.toString());
      // The link goes through the chat server and lands back on the page, where the widget asks for the new
      // password. By the load event the widget has taken the token out of the address bar: the page's
      // other scripts, its analytics and the history entry never see it again.
      const landed = await page.evaluate(() => location.href);
      expect(landed.startsWith(`${env().server.examplesUrl}/plain-html/`)).toBe(true);
      expect(landed).not.toContain(token);
      expect(new URL(landed).searchParams.has('chat-widget-reset')).toBe(false);
      await widget.ensureOpen();
      const newPassword = 'a brand new password';
      await page.getByLabel('New password').fill(newPassword, { timeout: UI_TIMEOUT });
      await widget.button('Set new password').click();
      await page.getByRole('status').filter({ hasText: 'Your password was changed' }).waitFor({ timeout: UI_TIMEOUT });
      expect(page.url()).not.toContain(token);

      await widget.signIn(user.email, user.password);
      await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor({ timeout: UI_TIMEOUT });

      await widget.signIn(user.email, newPassword);
      await widget.messageBox.waitFor({ timeout: UI_TIMEOUT });

      await widget.screenshot('3-forgot-password-signed-in');
    },
    SCENARIO_TIMEOUT,
  );
});
