import { describe, expect, it } from '@jest/globals';
import { newUser, SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { UI_TIMEOUT } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

interface Recorded {
  events: string[];
  signedOut?: boolean;
}

describe('scenario 9: the JS API before the panel has loaded', () => {
  it(
    'keeps properties set before the script ran, and runs signOut() and open() called before the panel arrived',
    async () => {
      const { page, widget, problems } = await env().visit('/plain-html/');
      await widget.open();
      await widget.signUp(newUser('early'));
      const sessionKeys = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith(':session')));
      expect(await sessionKeys()).toHaveLength(1);

      // The next load: a page script that sets properties on <chat-widget> as soon as the parser
      // creates it (the module script that defines the element runs later), then calls signOut()
      // and open() the moment the tag is defined, long before the panel's code has arrived.
      await page.addInitScript(() => {
        const recorded: Recorded = { events: [] };
        (window as unknown as { recorded: Recorded }).recorded = recorded;
        new MutationObserver((_records, observer) => {
          const element = document.querySelector('chat-widget') as (HTMLElement & Record<string, unknown>) | null;
          if (!element) return;
          observer.disconnect();
          element.strings = { signIn: 'Log in, early bird' };
          element.context = { plan: 'pro' };
          for (const name of ['chat-widget:signed-out', 'chat-widget:opened']) element.addEventListener(name, () => recorded.events.push(name));
          void customElements.whenDefined('chat-widget').then(async () => {
            const api = element as unknown as { signOut(): Promise<void>; open(): Promise<void>; shadowRoot: ShadowRoot };
            recorded.events.push(api.shadowRoot.querySelector('chat-widget-panel') ? 'panel already there' : 'panel not loaded yet');
            await api.signOut();
            recorded.signedOut = true;
            await api.open();
          });
        }).observe(document, { childList: true, subtree: true });
      });
      await page.reload();

      await widget.button('Log in, early bird').waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('dialog', { name: 'Ask the docs' }).waitFor();
      const recorded = await page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded);
      expect(recorded).toEqual({ events: ['panel not loaded yet', 'chat-widget:signed-out'], signedOut: true });
      expect(await sessionKeys()).toEqual([]);
      // open() is programmatic: no `opened` event (recorded above).
      expect(await page.evaluate(() => (document.querySelector('chat-widget') as unknown as { context: unknown }).context)).toEqual({ plan: 'pro' });
      await widget.screenshot('9-api-before-panel');
      expect(problems).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
