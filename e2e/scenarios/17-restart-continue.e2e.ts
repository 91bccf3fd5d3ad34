import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT } from '../harness/e2e-environment.js';
import { slowQuestion, storedMessages, useSlowAgentEnvironment } from '../harness/runs.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

// A short lease: the run of the killed process is found orphaned (and marked interrupted) within seconds.
const env = useSlowAgentEnvironment({ RUN_LEASE_SECONDS: '3' });

describe('scenario 17: the server restarts mid-answer', () => {
  it(
    'reconnects once the server is back, shows the answer interrupted with what had arrived, and Continue finishes it',
    async () => {
      const { page, widget } = await env().visit('/plain-html/');
      const user = newUser('restart');
      await widget.open();
      await widget.signUp(user);
      await widget.messageBox.fill(slowQuestion('How do I upgrade Lumen?', 250));
      await widget.button('Send').click();
      const answer = widget.answers().first();
      await answer.filter({ hasText: 'Answer to' }).waitFor({ timeout: UI_TIMEOUT });

      const received = (await answer.locator('.markdown').innerText()).trim();
      await env().server.kill();
      await page.getByText('Connection lost. Reconnecting…').waitFor({ timeout: UI_TIMEOUT });
      await env().server.start();
      await answer.filter({ hasText: 'Interrupted.' }).waitFor({ timeout: UI_TIMEOUT });
      await widget.idle();
      await widget.screenshot('17-interrupted');

      const [, interrupted] = await storedMessages(env().database.url, user.email);
      expect(interrupted).toMatchObject({ role: 'assistant', status: 'interrupted' });
      // Nothing the visitor had seen is lost.
      expect(interrupted!.content.startsWith(received)).toBe(true);
      expect(interrupted!.content).not.toContain('earlier turns.');
      expect((await answer.locator('.markdown').innerText()).replace('Interrupted.', '').trim()).toBe(interrupted!.content.trim());

      await widget.button('Continue').click();
      await widget.button('Continue').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      await widget.idle();
      const [, continued] = await storedMessages(env().database.url, user.email);
      expect(continued).toMatchObject({ role: 'assistant', status: 'complete' });
      expect(continued!.content.startsWith(interrupted!.content)).toBe(true);
      expect(continued!.content.length).toBeGreaterThan(interrupted!.content.length);
      expect((await answer.locator('.markdown').innerText()).trim()).toBe(continued!.content.trim());
      expect(await widget.button('Continue').count()).toBe(0);
      expect(await widget.answers().count()).toBe(1);
      await widget.screenshot('17-continued');
    },
    SCENARIO_TIMEOUT,
  );
});
