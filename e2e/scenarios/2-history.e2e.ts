import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

const QUESTIONS = ['What do heartbeat checks do?', 'How do maintenance windows silence alerts?', 'How long are results kept?'];

describe('scenario 2: history', () => {
  it(
    'finds a conversation by a word from its messages, opens it, renames it, and deletes another',
    async () => {
      const { page, widget, problems } = await env().visit('/docs-site/');
      await widget.open();
      await widget.signUp(newUser('historian'));
      for (const [i, question] of QUESTIONS.entries()) {
        if (i > 0) await widget.button('New conversation').click();
        await widget.ask(question);
      }

      await widget.button('History').click();
            for (const question of QUESTIONS) await widget.conversation(question).waitFor({ timeout: UI_TIMEOUT });

      // "silence" appears only in the second conversation's messages.
      await page.getByRole('searchbox', { name: 'Search conversations' }).fill('silence');
      const match = widget.conversation(QUESTIONS[1]);
      await match.waitFor({ timeout: UI_TIMEOUT });
      await widget.conversation(QUESTIONS[0]).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      expect(await widget.conversation(QUESTIONS[2]).count()).toBe(0);

      await match.click();
      await widget.userMessages().filter({ hasText: QUESTIONS[1] }).waitFor({ timeout: UI_TIMEOUT });
      await widget.idle();
      expect(await widget.answers().first().innerText()).toMatch(/maintenance/i);

      // Rename it from the list.
      await widget.button('History').click();
      await page.getByRole('searchbox', { name: 'Search conversations' }).fill('');
      await widget.button(`Rename ${QUESTIONS[1]}`).click({ timeout: UI_TIMEOUT });
      const title = page.getByRole('textbox', { name: 'Conversation title' });
      await title.fill('Planned work');
      await widget.button('Save').click();
      await widget.conversation('Planned work').waitFor({ timeout: UI_TIMEOUT });

      // Delete another one, after confirming.
      await widget.button(`Delete ${QUESTIONS[0]}`).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Delete', exact: true }).click();
      await widget.conversation(QUESTIONS[0]).waitFor({ state: 'detached', timeout: UI_TIMEOUT });

      // The server agrees: the list after a reload shows the rename and not the deleted one.
      await page.reload();
      await widget.ensureOpen();
      await widget.button('History').click({ timeout: UI_TIMEOUT });
      await widget.conversation('Planned work').waitFor({ timeout: UI_TIMEOUT });
      await widget.conversation(QUESTIONS[2]).waitFor({ timeout: UI_TIMEOUT });
      expect(await widget.conversation(QUESTIONS[0]).count()).toBe(0);

      await widget.screenshot('2-history');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
