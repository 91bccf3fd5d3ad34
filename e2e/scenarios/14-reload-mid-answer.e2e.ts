import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT } from '../harness/e2e-environment.js';
import { slowQuestion, storedMessages, useSlowAgentEnvironment } from '../harness/runs.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useSlowAgentEnvironment();

describe('scenario 14: a reload while the answer streams', () => {
  it(
    'finds the answer again after the reload, follows it to its end, and shows it whole and once',
    async () => {
      const { page, widget, problems } = await env().visit('/plain-html/');
      const user = newUser('reloader');
      await widget.open();
      await widget.signUp(user);
      await widget.messageBox.fill(slowQuestion('How do I install Lumen?'));
      await widget.button('Send').click();
      const answer = widget.answers().first();
      await answer.filter({ hasText: 'Answer to' }).waitFor({ timeout: UI_TIMEOUT });
      expect(await answer.innerText()).not.toContain('earlier turns.');

      const reattached = page.waitForRequest((request) => /\/runs\/[^/]+\/events$/.test(request.url()), { timeout: UI_TIMEOUT });
      await page.reload();
      await widget.ensureOpen();
      await reattached;
      // Still streaming after the reload: the answer is followed, not just loaded once finished.
      await widget.button('Stop').waitFor({ timeout: UI_TIMEOUT });
      await answer.filter({ hasText: 'earlier turns.' }).waitFor({ timeout: UI_TIMEOUT });
      await widget.idle();

      const [question, stored] = await storedMessages(env().database.url, user.email);
      expect(stored).toMatchObject({ role: 'assistant', status: 'complete' });
      const shown = (await answer.locator('.markdown').innerText()).trim();
      expect(shown).toBe(stored!.content.trim());
      expect(shown.split('Answer to').length).toBe(2);
      expect(shown).toContain(question!.content);
      expect(await widget.userMessages().count()).toBe(1);
      expect(await widget.answers().count()).toBe(1);
      await widget.screenshot('14-reload-mid-answer');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
