import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

describe('scenario 1: a visitor on a plain page', () => {
  it(
    'signs up, gets a streamed answer citing the docs, reloads still signed in, and continues the conversation',
    async () => {
      const { page, widget, problems } = await env().visit('/plain-html/');
      await widget.open();
      await widget.signUp(newUser());

      const stream = page.waitForResponse((r) => r.url().endsWith('/agents/run'), { timeout: UI_TIMEOUT });
      const answer = await widget.ask('How do I install Lumen?');
      expect((await stream).headers()['content-type']).toContain('text/event-stream');
      expect(await answer.innerText()).toMatch(/install/i);

      const sources = answer.getByRole('region', { name: 'Sources' }).getByRole('link');
      const hrefs = await sources.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs.length).toBeGreaterThan(0);
      expect(new Set(hrefs).size).toBe(hrefs.length);
      for (const href of hrefs) expect(href.startsWith(`${env().server.examplesUrl}/docs-site/`)).toBe(true);
      expect(hrefs.some((href) => href.includes('getting-started.html'))).toBe(true);

      await page.reload();
      await widget.ensureOpen();
      // Still signed in: the chat comes back without a sign-in form.
      await widget.messageBox.waitFor({ timeout: UI_TIMEOUT });
      expect(await widget.button('Sign in').count()).toBe(0);

      await widget.openConversation('How do I install Lumen?');
      await widget.userMessages().filter({ hasText: 'How do I install Lumen?' }).waitFor({ timeout: UI_TIMEOUT });

      const followUp = await widget.ask('How do I get alerted in Slack?');
      expect(await followUp.innerText()).toMatch(/slack/i);
      expect(await widget.userMessages().count()).toBe(2);
      expect(await widget.answers().count()).toBe(2);

      await widget.screenshot('1-chat-after-reload');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
