import { describe, expect, it } from '@jest/globals';
import { SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

// The host login is a way in the site owner turns on, as `npm start` does for the examples.
const env = useE2eEnvironment({ AUTH_MODES: 'password,social,host' });

describe("scenario 12: the host site's own login", () => {
  it(
    "shows the widget signed in as the shop's user with no form, and logging out of the shop signs the widget out",
    async () => {
      const { page, widget, problems } = await env().visit('/host-login/');
      const header = page.getByRole('banner');
      await page.getByLabel('Log in as').fill('Ada Shopper');
      await page.getByRole('button', { name: 'Log in to the shop' }).click();
      await header.getByText('Logged in to the shop as Ada Shopper').waitFor({ timeout: UI_TIMEOUT });

      // Signed in as the shop's user: straight to the chat, no sign-in form.
      await widget.open();
      await widget.messageBox.waitFor({ timeout: UI_TIMEOUT });
      expect(await page.getByLabel('Password').count()).toBe(0);
      const question = 'How do I back up Lumen?';
      await widget.ask(question);
      await widget.button('Account').click();
      await page.getByText('Signed in as Ada Shopper').waitFor({ timeout: UI_TIMEOUT });
      await widget.screenshot('12-host-login-signed-in');

      // Log out of the shop: the chat signs out too, and keeps nothing.
      await page.getByRole('button', { name: 'Log out of the shop' }).click();
      await header.getByText('Not logged in').waitFor({ timeout: UI_TIMEOUT });
      await widget.ensureOpen();
      await page.getByLabel('Email').waitFor({ timeout: UI_TIMEOUT });
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      expect(stored).not.toMatch(/session|Ada/);

      // The same shop user again: the same chat user, with the same history.
      await page.getByLabel('Log in as').fill('Ada Shopper');
      await page.getByRole('button', { name: 'Log in to the shop' }).click();
      await header.getByText('Logged in to the shop as Ada Shopper').waitFor({ timeout: UI_TIMEOUT });
      await widget.ensureOpen();
      await widget.button('History').click({ timeout: UI_TIMEOUT });
      await widget.conversation(question).waitFor({ timeout: UI_TIMEOUT });

      await widget.screenshot('12-host-login-same-history');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
