import { describe, expect, it } from '@jest/globals';
import { SCENARIO_TIMEOUT, useE2eEnvironment } from '../harness/e2e-environment.js';
import { openPage } from '../harness/browser.js';
import { serveHostPage } from '../harness/host-page.js';
import { UI_TIMEOUT, WidgetDriver } from '../harness/widget-driver.js';

const env = useE2eEnvironment();

describe('scenario 8: the widget on a site the server does not allow', () => {
  it(
    'shows the launcher, explains in the panel which origin to add to ALLOWED_ORIGINS, and says it once in the console and the server log',
    async () => {
      const { server, browser } = env();
      const host = await serveHostPage(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not allowed</title></head>
<body><h1>A site that forgot to ask</h1>
<script type="module" src="${server.url}/widget/chat-widget.js"></script>
<chat-widget server="${server.url}"></chat-widget></body></html>`);
      try {
        const { page, console: messages, context } = await openPage(browser);
        await page.goto(host.url);
        const widget = new WidgetDriver(page);
        // The files are public: the launcher appears even here.
        await widget.open();
        const alert = page.getByRole('dialog').getByRole('alert');
        await alert.waitFor({ timeout: UI_TIMEOUT });
        expect(await alert.innerText()).toContain(`This site (${host.origin}) may not use the chat server ${server.url} yet.`);
        expect(await alert.innerText()).toContain(`adding ${host.origin} to ALLOWED_ORIGINS`);
        // Retrying cannot help; closing can.
        expect(await alert.getByRole('button', { name: 'Retry' }).count()).toBe(0);
        await widget.screenshot('8-origin-not-allowed');
        await alert.getByRole('button', { name: 'Close chat' }).click();
        await widget.open();
        await alert.waitFor({ timeout: UI_TIMEOUT });

        const explained = messages.filter((m) => m.type() === 'error' && m.text().startsWith('<chat-widget>'));
        expect(explained.map((m) => m.text())).toEqual([expect.stringContaining(`Add ${host.origin} to ALLOWED_ORIGINS`)]);
        const refusals = server
          .logs()
          .split('\n')
          .filter((line) => line.includes('"origin"') && line.includes(host.origin) && line.includes('ALLOWED_ORIGINS'));
        expect(refusals).toHaveLength(1);
        await context.close();
      } finally {
        await host.close();
      }
    },
    SCENARIO_TIMEOUT,
  );
});
