import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { storedMessages } from '../harness/runs.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

describe('scenario 16: a message written offline', () => {
  it(
    'waits in a visible queue, is sent when the network is back, and is stored once',
    async () => {
      const { page, context, widget, problems } = await env().visit('/plain-html/');
      const user = newUser('offline');
      await widget.open();
      await widget.signUp(user);
      await widget.ask('How do I install Lumen?');

      await context.setOffline(true);
      const question = 'How do I get alerted in Slack?';
      await widget.messageBox.fill(question);
      await widget.button('Send').click();
      const waiting = widget.userMessages().filter({ hasText: question });
      await waiting.filter({ hasText: 'Waiting to send' }).waitFor({ timeout: UI_TIMEOUT });
      // Announced, not only shown; and nothing went to the server.
      await page.getByRole('status').filter({ hasText: 'You are offline. Your message will be sent when you are back online.' }).waitFor({ timeout: UI_TIMEOUT });
      expect(await widget.messageBox.inputValue()).toBe('');
      expect((await storedMessages(env().database.url, user.email)).filter((m) => m.role === 'user')).toHaveLength(1);

      // A second message, taken back before the network returns.
      await widget.messageBox.fill('Never mind this one');
      await widget.button('Send').click();
      await widget.userMessages().filter({ hasText: 'Never mind this one' }).waitFor({ timeout: UI_TIMEOUT });
      await widget.screenshot('16-offline-queue');
      await widget.userMessages().filter({ hasText: 'Never mind this one' }).getByRole('button', { name: 'Remove unsent message' }).click();
      await widget.userMessages().filter({ hasText: 'Never mind this one' }).waitFor({ state: 'detached', timeout: UI_TIMEOUT });

      await context.setOffline(false);
      await widget.answers().nth(1).filter({ hasText: /slack/i }).waitFor({ timeout: UI_TIMEOUT });
      await widget.idle();
      expect(await waiting.count()).toBe(1);
      expect(await waiting.filter({ hasText: 'Waiting to send' }).count()).toBe(0);

      const stored = await storedMessages(env().database.url, user.email);
      expect(stored.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['How do I install Lumen?', question]);
      expect(stored.filter((m) => m.role === 'assistant').map((m) => m.status)).toEqual(['complete', 'complete']);
      // The page stays usable: a reload finds the same two exchanges, nothing waiting.
      await page.reload();
      await widget.ensureOpen();
      await widget.answers().nth(1).waitFor({ timeout: UI_TIMEOUT });
      expect(await widget.userMessages().count()).toBe(2);
      expect(await page.getByText('Waiting to send').count()).toBe(0);
      expect(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
