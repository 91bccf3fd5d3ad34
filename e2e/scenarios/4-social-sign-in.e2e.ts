import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { OIDC_PROVIDER_NAME, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

describe('scenario 4: social sign-in through an OpenID Connect provider', () => {
  it(
    'signs in in a popup while the host page stays where it is',
    async () => {
      const { page, widget, problems } = await env().visit('/plain-html/');
      const hostUrl = page.url();
      let hostNavigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) hostNavigations += 1;
      });
      await widget.open();

      const popupOpened = page.waitForEvent('popup', { timeout: UI_TIMEOUT });
      await widget.button(`Continue with ${OIDC_PROVIDER_NAME}`).click({ timeout: UI_TIMEOUT });
      const popup = await popupOpened;
      // The provider's own sign-in page (any username, any password).
      const login = `alice-${randomBytes(3).toString('hex')}`;
      await popup.getByLabel('Username').fill(login, { timeout: UI_TIMEOUT });
      await popup.getByLabel('Password').fill('whatever');
      const closed = popup.waitForEvent('close', { timeout: UI_TIMEOUT });
      await popup.getByRole('button', { name: 'Sign in' }).click();
      // The completion page hands the session to the widget and closes itself.
      await closed;

      await widget.messageBox.waitFor({ timeout: UI_TIMEOUT });
      expect(page.url()).toBe(hostUrl);
      expect(hostNavigations).toBe(0);

      // Signed in as the provider's account, and chatting works with that session.
      const answer = await widget.ask('How do I back up Lumen?');
      expect(await answer.innerText()).toMatch(/backup/i);
      const client = new pg.Client({ connectionString: env().database.url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT u.email FROM users u JOIN conversations c ON c.user_id = u.id');
        expect(rows).toEqual([{ email: `${login}@oidc.test` }]);
      } finally {
        await client.end();
      }

      await widget.screenshot('4-social-sign-in');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
