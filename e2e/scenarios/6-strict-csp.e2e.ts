import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';

const env = useE2eEnvironment();

describe('scenario 6: strict Content-Security-Policy', () => {
  it(
    'signs up and chats on a page whose CSP allows no inline code, with no violation reported',
    async () => {
      const { page, widget, problems, console } = await env().visit('/strict-csp/');
      const csp = (await page.request.get(page.url())).headers()['content-security-policy'];
      expect(csp).toContain(`script-src 'self' ${env().server.url}`);
      // Violations are also reported as DOM events; record them from before the widget loads.
      // (Init scripts run outside the page's CSP.)
      await page.addInitScript(() => {
        (window as unknown as { violations: string[] }).violations = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`),
        );
      });
      await page.reload();

      await widget.open();
      await widget.signUp(newUser('strict'));
      const answer = await widget.ask('What does failure_threshold mean?');
      expect(await answer.innerText()).toMatch(/fail/i);
      await answer.getByRole('region', { name: 'Sources' }).getByRole('link').first().waitFor();

      const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
      expect(violations).toEqual([]);
      expect(console.map((m) => m.text()).filter((text) => /content security policy|refused to/i.test(text))).toEqual([]);
      expect(problems).toEqual([]);

      await widget.screenshot('6-strict-csp');
    },
    SCENARIO_TIMEOUT,
  );
});
