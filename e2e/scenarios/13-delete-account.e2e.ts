import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

/** Rows anywhere that still name the user, their address or what they wrote. */
async function traces(databaseUrl: string, { userId, email, question }: { userId: string; email: string; question: string }): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const count = async (sql: string, params: unknown[]) => Number((await client.query(sql, params)).rows[0].n);
    return {
      user: await count(`SELECT count(*) AS n FROM "user" WHERE id = $1 OR email = $2`, [userId, email]),
      session: await count(`SELECT count(*) AS n FROM session WHERE "userId" = $1`, [userId]),
      account: await count(`SELECT count(*) AS n FROM account WHERE "userId" = $1`, [userId]),
      users: await count(`SELECT count(*) AS n FROM users WHERE auth_subject = $1 OR email = $2`, [userId, email]),
      conversations: await count(`SELECT count(*) AS n FROM conversations WHERE title = $1`, [question]),
      messages: await count(`SELECT count(*) AS n FROM messages WHERE content = $1`, [question]),
    };
  } finally {
    await client.end();
  }
}

describe('scenario 13: delete my account', () => {
  it(
    'deletes the account and everything in it from the widget, by keyboard, and leaves nothing behind',
    async () => {
      const { page, widget, problems } = await env().visit('/plain-html/');
      const user = newUser('leaver');
      const question = `What does Lumen store about me? ${Date.now()}`;
      await widget.open();
      const signedIn = page.evaluate(
        () => new Promise<string>((resolve) => document.querySelector('chat-widget')!.addEventListener('chat-widget:signed-in', (e) => resolve((e as CustomEvent).detail.user.id), { once: true })),
      );
      await widget.signUp(user);
      const userId = await signedIn;
      await widget.ask(question);
      const before = await traces(env().database.url, { userId, email: user.email, question });
      expect(Object.values(before).every((n) => n > 0)).toBe(true);

      // By keyboard: the account view, the delete button, then the confirmation (whose focus starts on Cancel).
      await widget.button('Account').focus();
      await page.keyboard.press('Enter');
      await widget.button('Delete my account and data').waitFor({ timeout: UI_TIMEOUT });
      await widget.button('Delete my account and data').focus();
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('alertdialog');
      await confirm.getByText('It cannot be undone.').waitFor({ timeout: UI_TIMEOUT });
      await widget.screenshot('13-delete-account-confirm');
      await expect(widget.button('Cancel').evaluate((button) => button.matches(':focus'))).resolves.toBe(true);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');

      await page.getByLabel('Email').waitFor({ timeout: UI_TIMEOUT });
      expect(await traces(env().database.url, { userId, email: user.email, question })).toEqual({ user: 0, session: 0, account: 0, users: 0, conversations: 0, messages: 0 });
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
      for (const trace of [user.email, user.name, question, 'session']) expect(stored).not.toContain(trace);

      // The old password opens nothing.
      await widget.signIn(user.email, user.password);
      await page.getByText('Wrong email or password.').waitFor({ timeout: UI_TIMEOUT });

      await widget.screenshot('13-delete-account-gone');
      expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
