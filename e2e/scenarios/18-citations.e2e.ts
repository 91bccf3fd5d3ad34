import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

describe('scenario 18: an answer people can check', () => {
  it(
    'shows [1] as a citation whose popover quotes the passage, and activating it opens the docs at that section',
    async () => {
      const { page, widget, problems, context } = await env().visit('/docs-site/');
      await widget.open();
      await widget.signUp(newUser('citer'));
      const answer = await widget.ask('How do I install Lumen?');

      const citation = answer.getByRole('button', { name: /^Source 1: / });
      await citation.first().waitFor({ timeout: UI_TIMEOUT });
      const name = (await citation.first().getAttribute('aria-label'))!;
      expect(name).toBe('Source 1: Getting started — Lumen docs › Install');
      // The sources list numbers the cited source as its marker.
      const sources = answer.getByRole('region', { name: 'Sources' });
      const cited = sources.locator('li.cited');
      expect(await cited.first().getAttribute('value')).toBe('1');
      expect(await cited.first().getByRole('link').getAttribute('href')).toBe(`${env().server.examplesUrl}/docs-site/getting-started.html#install`);

      // Focus (by keyboard) shows the popover with the title and the quoted passage; Escape hides it.
      await citation.first().focus();
      const tooltip = page.getByRole('tooltip');
      await tooltip.waitFor({ timeout: UI_TIMEOUT });
      expect(await tooltip.locator('strong').innerText()).toBe('Getting started — Lumen docs › Install');
      expect(await tooltip.locator('p').innerText()).toMatch(/install/i);
      await widget.screenshot('18-citation-popover-light');
      await page.keyboard.press('Escape');
      await tooltip.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      // Escape closed the popover, not the chat.
      expect(await page.getByRole('dialog').isVisible()).toBe(true);

      // Hovering shows it too.
      await citation.first().hover();
      await tooltip.waitFor({ timeout: UI_TIMEOUT });
      await page.emulateMedia({ colorScheme: 'dark' });
      await widget.screenshot('18-citation-popover-dark');
      await page.emulateMedia({ colorScheme: 'light' });

      // Enter on the focused citation opens the source in a new tab, at its section, without an opener.
      await citation.first().focus();
      const [docs] = await Promise.all([context.waitForEvent('page', { timeout: UI_TIMEOUT }), page.keyboard.press('Enter')]);
      await docs.waitForLoadState();
      const url = new URL(docs.url());
      expect(`${url.origin}${url.pathname}`).toBe(`${env().server.examplesUrl}/docs-site/getting-started.html`);
      expect(url.hash).toBe('#install');
      expect(await docs.locator('#install').innerText()).toBe('Install');
      expect(await docs.evaluate(() => document.querySelector(':target')?.id)).toBe('install');
      expect(await docs.evaluate(() => window.opener)).toBeNull();
      await docs.close();

      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
