import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

describe('scenario 19: a visitor rates an answer down', () => {
  it(
    'presses thumbs down, picks a reason and writes a comment, all by keyboard, and the feedback is stored',
    async () => {
      const { page, widget, problems } = await env().visit('/docs-site/');
      await widget.open();
      await widget.signUp(newUser('rater'));
      const answer = await widget.ask('How do I back up Lumen?');

      const rating = answer.getByRole('group', { name: 'Rate this answer' });
      const up = rating.getByRole('button', { name: 'Helpful', exact: true });
      const down = rating.getByRole('button', { name: 'Not helpful', exact: true });
      expect([await up.getAttribute('aria-pressed'), await down.getAttribute('aria-pressed')]).toEqual(['false', 'false']);

      // Keyboard only: focus the thumb, press Enter; focus moves into the reason form.
      await down.focus();
      await page.keyboard.press('Enter');
      const form = answer.getByRole('group', { name: 'What was wrong? (optional)' });
      await form.waitFor({ timeout: UI_TIMEOUT });
      expect(await down.getAttribute('aria-pressed')).toBe('true');
      await page.getByText('Thanks for your feedback.').waitFor({ state: 'attached', timeout: UI_TIMEOUT });
      expect(await form.getByRole('radio', { name: 'Incorrect' }).evaluate((radio) => radio === (radio.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      // Arrow keys move through the radio group: Incorrect → Incomplete.
      await page.keyboard.press('ArrowDown');
      expect(await form.getByRole('radio', { name: 'Incomplete' }).isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      await page.keyboard.type('It does not say where the SQLite file lives.');
      await widget.screenshot('19-feedback-form-light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await widget.screenshot('19-feedback-form-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.keyboard.press('Tab'); // Cancel
      await page.keyboard.press('Tab'); // Send
      await page.keyboard.press('Enter');
      await form.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      // Focus is back on the thumb that opened the form.
      expect(await down.evaluate((button) => button === (button.getRootNode() as ShadowRoot).activeElement)).toBe(true);

      const db = new pg.Client({ connectionString: env().database.url });
      await db.connect();
      try {
        const { rows } = await db.query(
          `SELECT f.rating, f.reason, f.comment, m.role, u.email FROM message_feedback f JOIN messages m ON m.id = f.message_id JOIN users u ON u.id = f.user_id ORDER BY f.updated_at DESC LIMIT 1`,
        );
        expect(rows[0]).toMatchObject({ rating: 'down', reason: 'incomplete', comment: 'It does not say where the SQLite file lives.', role: 'assistant', email: expect.stringMatching(/^rater/) });
      } finally {
        await db.end();
      }

      // After a reload the answer still shows the thumbs down pressed.
      await page.reload();
      await widget.ensureOpen();
      await widget.openConversation('How do I back up Lumen?');
      const reloaded = widget.answers().last().getByRole('button', { name: 'Not helpful', exact: true });
      await reloaded.and(page.locator('[aria-pressed="true"]')).waitFor({ timeout: UI_TIMEOUT });
      await page.emulateMedia({ colorScheme: 'dark' });
      await widget.screenshot('19-feedback-rated-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await widget.screenshot('19-feedback-rated-light');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
