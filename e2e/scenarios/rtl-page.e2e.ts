import { describe, expect, it } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { ar } from '../../widget/src/i18n/ar.js';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

const box = async (locator: Locator) => (await locator.boundingBox({ timeout: UI_TIMEOUT }))!;

describe('an Arabic page, right to left', () => {
  it(
    'shows the panel in Arabic, laid out right to left: title at the right, bubbles mirrored',
    async () => {
      const { page, widget, problems } = await env().visit('/rtl/', { viewport: { width: 1000, height: 800 } });
      await page.getByRole('button', { name: ar.openChat, exact: true }).click({ timeout: UI_TIMEOUT });
      const panel = page.locator('chat-widget-panel');
      await page.getByRole('heading', { name: ar.signInTitle }).waitFor({ timeout: UI_TIMEOUT });
      expect(await panel.getAttribute('dir')).toBe('rtl');
      expect(await panel.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');

      // The header reads from the right: the title first (at the right), the close button at the left end.
      const panelBox = await box(panel);
      const title = await box(page.getByRole('heading', { name: 'اسأل المساعد' }));
      const close = await box(page.getByRole('button', { name: ar.closeChat, exact: true }));
      expect(close.x).toBeLessThan(title.x);
      expect(panelBox.x + panelBox.width - (title.x + title.width)).toBeLessThan(panelBox.x + panelBox.width - close.x);
      // A label's text starts at the right edge of its field, and is aligned right.
      const email = await box(page.getByLabel(ar.email));
      const labelText = await page.locator('chat-widget-auth label[for="email"]').evaluate((label) => {
        const range = document.createRange();
        range.selectNodeContents(label);
        const { x, width } = range.getBoundingClientRect();
        return { x, width };
      });
      expect(Math.abs(labelText.x + labelText.width - (email.x + email.width))).toBeLessThan(2);
      expect(labelText.x).toBeGreaterThan(email.x + email.width / 2);
      await widget.screenshot('rtl-sign-in');

      const user = newUser('rtl');
      await page.getByRole('button', { name: ar.toSignUp, exact: true }).click();
      await page.getByLabel(ar.name).fill(user.name);
      await page.getByLabel(ar.email).fill(user.email);
      await page.getByLabel(ar.password).fill(user.password);
      await page.getByRole('button', { name: ar.createAccount, exact: true }).click();
      const composer = page.getByRole('textbox', { name: ar.message });
      await composer.fill('How do I install Lumen?');
      await page.getByRole('button', { name: ar.send, exact: true }).click();
      const log = page.getByRole('log', { name: ar.messages });
      await log.locator('li.message.assistant[data-status="complete"]').waitFor({ timeout: UI_TIMEOUT });

      // The visitor's own message sits at the inline end (the left), the answer at the start (the right).
      const mine = await box(log.locator('li.message.user .bubble'));
      const answer = await box(log.locator('li.message.assistant .bubble').last());
      expect(mine.x).toBeLessThan(answer.x);
      expect(answer.x + answer.width).toBeGreaterThan(mine.x + mine.width);
      await widget.screenshot('rtl-chat');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
