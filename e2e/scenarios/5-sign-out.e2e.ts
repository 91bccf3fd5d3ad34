import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

describe('scenario 5: sign out', () => {
  it(
    'hides the chat and leaves nothing of the user in the widget storage',
    async () => {
      const { page, context, widget, problems } = await env().visit('/plain-html/');
      const user = newUser('leaver');
      const question = 'Where does Lumen store its data?';
      await widget.open();
      await widget.signUp(user);
      await widget.ask(question);

      const stored = () =>
        page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
      expect(await stored()).not.toBe(JSON.stringify({ local: {}, session: {} }));

      await widget.button('Sign out').click();
      await widget.button('Sign in').waitFor({ timeout: UI_TIMEOUT });
      expect(await widget.messageBox.count()).toBe(0);
      expect(await page.getByText(question).count()).toBe(0);

      const after = await stored();
      for (const trace of [user.email, user.name, question, 'token', 'jwt']) expect(after.toLowerCase()).not.toContain(trace.toLowerCase());
      // No session cookie either (the widget never relies on one; the server must not leave one behind).
      const cookies = await context.cookies(env().server.url);
      expect(cookies.filter((c) => c.name.includes('session_token') && c.value)).toEqual([]);

      // And the session is revoked server-side: a reload shows the sign-in form.
      await page.reload();
      await widget.ensureOpen();
      await widget.button('Sign in').waitFor({ timeout: UI_TIMEOUT });

      await widget.screenshot('5-signed-out');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
