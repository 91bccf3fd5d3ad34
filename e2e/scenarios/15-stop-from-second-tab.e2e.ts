import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT } from '../harness/e2e-environment.js';
import { slowQuestion, storedMessages, useSlowAgentEnvironment } from '../harness/runs.js';
import { UI_TIMEOUT, WidgetDriver } from '../harness/widget-driver.js';

const env = useSlowAgentEnvironment();

describe('scenario 15: two tabs of one visitor', () => {
  it(
    'shows the answer streaming in both tabs, and Stop in the second stops it in both',
    async () => {
      const { context, widget, problems } = await env().visit('/plain-html/');
      const user = newUser('two-tabs');
      await widget.open();
      await widget.signUp(user);
      await widget.ask('How do I install Lumen?');

      // The same visitor opens the page in another tab: same browser profile, same session.
      const secondPage = await context.newPage();
      await secondPage.goto(`${env().server.examplesUrl}/plain-html/`);
      const second = new WidgetDriver(secondPage);
      await second.ensureOpen();
      await second.answers().first().waitFor({ timeout: UI_TIMEOUT });

      const question = slowQuestion('Can Lumen check TLS certificates?');
      await widget.messageBox.fill(question);
      await widget.button('Send').click();
      // The second tab hears of the run and follows it: the question, then the answer as it streams.
      await second.userMessages().nth(1).filter({ hasText: 'Can Lumen check TLS certificates?' }).waitFor({ timeout: UI_TIMEOUT });
      await second.answers().nth(1).filter({ hasText: 'Answer to' }).waitFor({ timeout: UI_TIMEOUT });
      expect(await second.answers().nth(1).innerText()).not.toContain('earlier turns.');

      await second.button('Stop').click();
      for (const tab of [widget, second]) {
        await tab.answers().nth(1).filter({ hasText: 'Stopped.' }).waitFor({ timeout: UI_TIMEOUT });
        await tab.idle();
        await tab.button('Continue').waitFor({ timeout: UI_TIMEOUT });
      }
      const stored = await storedMessages(env().database.url, user.email);
      expect(stored.map((m) => [m.role, m.status])).toEqual([
        ['user', 'complete'],
        ['assistant', 'complete'],
        ['user', 'complete'],
        ['assistant', 'stopped'],
      ]);
      const partial = stored[3]!.content;
      expect(partial).toContain('Answer to');
      expect(partial).not.toContain('earlier turns.');
      for (const tab of [widget, second]) {
        expect((await tab.answers().nth(1).locator('.markdown').innerText()).replace('Stopped.', '').trim()).toBe(partial.trim());
        expect(await tab.userMessages().count()).toBe(2);
      }
      await second.screenshot('15-stopped-from-second-tab');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
