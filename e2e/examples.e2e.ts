import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from './harness/e2e-environment.js';
import { UI_TIMEOUT } from './harness/widget-driver.js';

const env = useE2eEnvironment();

describe('example pages', () => {
  it(
    'React: the app opens the bundled widget through its JavaScript API and shows its typed events',
    async () => {
      const { page, widget, problems } = await env().visit('/framework/');
      await page.getByRole('status').filter({ hasText: 'Not signed in to the chat.' }).waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('button', { name: 'Ask support' }).click();
      const user = newUser('reactor');
      await widget.signUp(user);
      await page.getByRole('status').filter({ hasText: `Signed in to the chat as ${user.name} (${user.email}).` }).waitFor({ timeout: UI_TIMEOUT });
      await widget.ask('How do I back up Lumen?');
      await page.getByRole('list', { name: 'Widget events' }).getByText(/answer-received with [1-9] source/).waitFor({ timeout: UI_TIMEOUT });

      await widget.screenshot('examples-react');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );

  it(
    'docs site: the widget sits in the corner of every page and cites the site itself',
    async () => {
      const { page, widget, problems } = await env().visit('/docs-site/alerts.html');
      await page.getByRole('navigation', { name: 'Documentation' }).getByRole('link', { name: 'Alerts' }).waitFor();
      await widget.open();
      await widget.signUp(newUser('reader'));
      const answer = await widget.ask('How are webhook deliveries retried?');
      expect(await answer.innerText()).toMatch(/retried five times/);
      const cited = answer.getByRole('region', { name: 'Sources' }).getByRole('link').first();
      const href = (await cited.getAttribute('href')) ?? '';
      expect(href.startsWith(`${env().server.examplesUrl}/docs-site/alerts.html`)).toBe(true);
      // The citation is a real page of the site.
      expect((await fetch(href)).status).toBe(200);

      await widget.screenshot('examples-docs-site');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
