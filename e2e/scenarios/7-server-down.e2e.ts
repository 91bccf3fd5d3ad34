import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

describe('scenario 7: the server goes away mid-conversation', () => {
  it(
    'shows a clear error, keeps the draft, and recovers when the server is back',
    async () => {
      const { page, widget } = await env().visit('/plain-html/');
      await widget.open();
      await widget.signUp(newUser('unlucky'));
      await widget.ask('How do I upgrade Lumen?');

      await env().server.kill();
      const draft = 'Can Lumen check TLS certificates?';
      await widget.messageBox.fill(draft);
      await widget.button('Send').click();
      const alert = page.getByRole('alert').filter({ hasText: 'not reachable' });
      await alert.waitFor({ timeout: UI_TIMEOUT });
      // Nothing typed is lost: the message is still there to send again.
      const kept = (await widget.messageBox.inputValue()) === draft || (await widget.userMessages().filter({ hasText: draft }).count()) === 1;
      expect(kept).toBe(true);
      await widget.screenshot('7-server-down-error');

      await env().server.start();
      await alert.getByRole('button', { name: 'Retry' }).click();
      await widget.answers().nth(1).waitFor({ timeout: UI_TIMEOUT });
      await widget.idle();
      expect(await widget.answers().nth(1).innerText()).toMatch(/certificate/i);
      // Sent once, answered once: the retry did not duplicate the message.
      expect(await widget.userMessages().filter({ hasText: draft }).count()).toBe(1);
      expect(await page.getByRole('alert').filter({ hasText: 'not reachable' }).count()).toBe(0);

      await widget.screenshot('7-server-back');
    },
    SCENARIO_TIMEOUT,
  );
});
