import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../server/src/common/project-root.js';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from './harness/e2e-environment.js';
import { slowQuestion, useSlowAgentEnvironment } from './harness/runs.js';
import { UI_TIMEOUT } from './harness/widget-driver.js';

const env = useE2eEnvironment();

/** axe-core, run in the page by CDP (which no Content-Security-Policy applies to, so the strict-CSP page is audited too). */
const AXE = readFileSync(join(projectRoot(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Every example page that embeds the widget. */
const PAGES = [
  '/plain-html/',
  '/docs-site/',
  '/docs-site/getting-started.html',
  '/docs-site/configuration.html',
  '/docs-site/alerts.html',
  '/docs-site/faq.html',
  '/framework/',
  '/strict-csp/',
  '/host-login/',
];

const THEMES = ['light', 'dark'] as const;

interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown; failureSummary?: string }[];
}

/**
 * Runs axe over the whole page (landmark rules compare the widget with the host's own landmarks)
 * in both themes, and returns the violations on the widget's nodes: the host page's are its own.
 */
async function widgetViolations(page: Page, view: string): Promise<string[]> {
  const found: string[] = [];
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((value) => document.querySelector('chat-widget')!.setAttribute('theme', value), theme);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    });
    for (const violation of violations) {
      for (const node of violation.nodes.filter((n) => JSON.stringify(n.target).includes('chat-widget'))) {
        found.push(`${view}, ${theme} theme: ${violation.id} (${violation.help}) at ${JSON.stringify(node.target)}: ${node.failureSummary}`);
      }
    }
  }
  return found;
}

describe('accessibility of the open widget (axe-core in Chromium)', () => {
  it.each(PAGES)(
    '%s: no violation on the sign-in, chat (citation popover and feedback form open too), history and account views, light and dark',
    async (path) => {
      const { page, widget } = await env().visit(path);
      await page.evaluate(`${AXE}\n;undefined`);
      await widget.open();
      await page.getByLabel('Email').waitFor({ timeout: UI_TIMEOUT });
      const found = await widgetViolations(page, 'sign-in');
      // The panel's header is no landmark: a host page with its own banner would have two.
      expect(await page.locator('chat-widget').getByRole('banner').count()).toBe(0);

      await widget.signUp(newUser('a11y'));
      const answer = await widget.ask('How do I configure alerts?');
      found.push(...(await widgetViolations(page, 'chat')));
      // The open citation popover, then the open thumbs-down form.
      await answer.getByRole('button', { name: /^Source 1: / }).first().focus();
      await page.getByRole('tooltip').waitFor({ timeout: UI_TIMEOUT });
      found.push(...(await widgetViolations(page, 'citation popover')));
      await answer.getByRole('button', { name: 'Not helpful', exact: true }).click();
      await page.getByRole('group', { name: 'What was wrong? (optional)' }).waitFor({ timeout: UI_TIMEOUT });
      found.push(...(await widgetViolations(page, 'feedback form')));

      await widget.button('History').click();
      await widget.conversationList.waitFor({ timeout: UI_TIMEOUT });
      found.push(...(await widgetViolations(page, 'history')));

      await widget.button('Account').click();
      await widget.button('Delete my account and data').click({ timeout: UI_TIMEOUT });
      await page.getByRole('alertdialog').waitFor({ timeout: UI_TIMEOUT });
      found.push(...(await widgetViolations(page, 'account, delete confirmation')));

      expect(found).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});

describe('accessibility of the widget for guests (AUTH_MODES=guest)', () => {
  const guestEnv = useE2eEnvironment({ AUTH_MODES: 'guest,password,social' });

  it(
    "/docs-site/: no violation on the guest's chat, with its offer to sign in, and on the sign-in view it leads to",
    async () => {
      const { page, widget } = await guestEnv().visit('/docs-site/');
      await page.evaluate(`${AXE}\n;undefined`);
      await widget.open();
      await widget.ask('How do I configure alerts?');
      const found = await widgetViolations(page, 'guest chat');

      await widget.button('Sign in to keep your history on every device').click();
      await page.getByLabel('Email').waitFor({ timeout: UI_TIMEOUT });
      found.push(...(await widgetViolations(page, 'sign-in from the offer')));
      expect(found).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});

describe('accessibility of answers that survive (issue 13)', () => {
  const slowEnv = useSlowAgentEnvironment();

  it(
    '/plain-html/: no violation with a stopped answer to continue, and with a message waiting offline',
    async () => {
      const { page, context, widget } = await slowEnv().visit('/plain-html/');
      await page.evaluate(`${AXE}\n;undefined`);
      await widget.open();
      await widget.signUp(newUser('a11y-runs'));
      await widget.messageBox.fill(slowQuestion('How do I configure alerts?'));
      await widget.button('Send').click();
      await widget.answers().first().filter({ hasText: 'Answer to' }).waitFor({ timeout: UI_TIMEOUT });
      await widget.button('Stop').click();
      await widget.button('Continue').waitFor({ timeout: UI_TIMEOUT });
      const found = await widgetViolations(page, 'stopped answer');

      await context.setOffline(true);
      await widget.messageBox.fill('Sent while offline');
      await widget.button('Send').click();
      await widget.button('Remove unsent message').waitFor({ timeout: UI_TIMEOUT });
      found.push(...(await widgetViolations(page, 'message waiting offline')));
      await context.setOffline(false);
      expect(found).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
