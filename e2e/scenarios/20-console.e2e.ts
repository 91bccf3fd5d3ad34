import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { grantAdminRole } from '../../server/src/admin/admin-roles.store.js';
import { projectRoot } from '../../server/src/common/project-root.js';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import type { Credentials } from '../harness/widget-driver.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

const AXE = readFileSync(join(projectRoot(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
/** Nothing in the Lumen docs answers it: the retrieval agent answers without a source. */
const UNANSWERABLE = 'What is the airspeed velocity of an unladen swallow?';

async function signInToConsole(page: Page, user: Credentials): Promise<void> {
  await page.goto(`${env().server.url}/admin`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(projectRoot(), 'e2e', 'screenshots', `${name}.png`), fullPage: true });
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}) at ${JSON.stringify(n.target)}`));
  });
}

describe('scenario 20: the site owner’s console', () => {
  it(
    'shows an admin the panels, with a visitor’s unanswered question, and opens its conversation read-only (audited)',
    async () => {
      // A visitor asks what the docs cannot answer.
      const visitor = newUser('visitor');
      const visit = await env().visit('/plain-html/');
      await visit.widget.open();
      await visit.widget.signUp(visitor);
      const answer = await visit.widget.ask(UNANSWERABLE);
      expect(await answer.innerText()).toMatch(/couldn't find/i);

      // The visitor is not an admin: the console says so (the API answered 403).
      await signInToConsole(visit.page, visitor);
      const refused = visit.page.getByRole('alert').filter({ hasText: 'Access refused (403)' });
      await refused.waitFor({ timeout: UI_TIMEOUT });
      expect(await refused.innerText()).toContain('does not have the admin role');
      await screenshot(visit.page, '20-console-refused');

      // The owner signs up like anyone, is granted the role from the command line, and signs in to /admin.
      const owner = newUser('owner');
      const ownerVisit = await env().visit('/plain-html/');
      await ownerVisit.widget.open();
      await ownerVisit.widget.signUp(owner);
      const pool = new pg.Pool({ connectionString: env().database.url, max: 1 });
      await grantAdminRole(pool, owner.email).finally(() => pool.end());
      const { page, problems } = ownerVisit;
      await page.emulateMedia({ colorScheme: 'light' });
      await signInToConsole(page, owner);

      for (const heading of ['Conversations and answers per day', 'Unanswered questions', 'Rated-down answers', 'Top cited documents', 'Never-cited documents', 'Audit log']) {
        await page.getByRole('heading', { name: heading }).waitFor({ timeout: UI_TIMEOUT });
      }
      const chart = page.getByRole('img', { name: /^Chart: \d+ conversations? and \d+ answers?/ });
      await chart.waitFor({ timeout: UI_TIMEOUT });
      const unanswered = page.getByRole('region', { name: 'Unanswered questions' });
      // The group's line (its examples are folded away until opened).
      await unanswered.locator('ol.groups > li', { hasText: UNANSWERABLE }).waitFor({ timeout: UI_TIMEOUT });
      // Identities are off by default: the question, never who asked.
      expect(await page.locator('site-console').innerText()).not.toContain(visitor.email);
      // Every ingested page of the docs site is listed as never cited or as cited.
      await page.getByRole('region', { name: 'Never-cited documents' }).getByRole('link').first().waitFor({ timeout: UI_TIMEOUT });
      await screenshot(page, '20-console-light');

      await page.emulateMedia({ colorScheme: 'dark' });
      await screenshot(page, '20-console-dark');
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await axeViolations(page)).toEqual([]);

      await unanswered.getByText('Examples').first().click();
      await unanswered.getByRole('button', { name: 'Open conversation' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(UNANSWERABLE).first().waitFor({ timeout: UI_TIMEOUT });
      expect(await dialog.innerText()).toContain('read-only');
      await screenshot(page, '20-console-conversation');
      await dialog.getByRole('button', { name: 'Close' }).click();
      const audit = page.getByRole('region', { name: 'Audit log' });
      await audit.getByText(owner.email).waitFor({ timeout: UI_TIMEOUT });
      expect(await audit.innerText()).toContain('conversation.view');

      // CSV export downloads the list.
      const download = page.waitForEvent('download', { timeout: UI_TIMEOUT });
      await page.getByRole('button', { name: 'Export Unanswered questions as CSV' }).click();
      expect((await download).suggestedFilename()).toMatch(/^unanswered-questions-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);

      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
