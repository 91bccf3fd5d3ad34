import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ChatWidget, define } from '../src/index.js';
import { Harness, mountWidget, serverUrl, waitFor } from './harness.js';

/** The console's errors while a test runs (the set-up problems are meant for the site owner there). */
let consoleErrors: string[] = [];
const realConsoleError = console.error;
beforeEach(() => {
  consoleErrors = [];
  console.error = (...args: unknown[]) => void consoleErrors.push(args.map(String).join(' '));
});
afterEach(() => {
  console.error = realConsoleError;
});

type PanelInputs = HTMLElement & { context?: unknown; sendPageContext?: boolean; server: string; storageKind: string };
const panelOf = (widget: ChatWidget) => widget.shadowRoot!.querySelector('chat-widget-panel') as PanelInputs | null;

describe('the launcher, before the panel has loaded', () => {
  it('is a plain element: nothing of the panel is registered until the first intent', async () => {
    const page = await mountWidget();
    await page.button('Open chat');
    expect(panelOf(page.widget)).toBeNull();
    expect(page.widget.shadowRoot!.querySelectorAll('[part~="panel"]')).toHaveLength(0);
  });

  it('keeps properties a page set before the element was defined, and calls made before the panel loaded', async () => {
    // The element exists (parsed HTML, a framework) before any script defined its tag.
    const early = document.createElement('early-chat') as ChatWidget;
    early.setAttribute('server', serverUrl());
    early.strings = { openChat: 'Ask us' };
    early.context = { plan: 'pro', page: 'billing' };
    early.sendPageContext = false;
    early.heading = 'Support';
    document.body.append(early);
    define('early-chat', class extends ChatWidget {});
    const page = new Harness(early);
    expect(early).toBeInstanceOf(ChatWidget);
    await page.button('Ask us');

    // open() and signOut() straight away: the panel's code is still on its way.
    const opened = early.open();
    const signedOut = early.signOut();
    await Promise.all([opened, signedOut]);
    await page.field('Email');
    const panel = panelOf(early)!;
    expect(panel.context).toEqual({ plan: 'pro', page: 'billing' });
    expect(panel.sendPageContext).toBe(false);
    expect(panel.getAttribute('aria-label')).toBe('Support');
    expect(early.isOpen).toBe(true);
    expect(early.hasAttribute('open')).toBe(true);
  });

  it('forwards later changes to the panel: context, send-page-context, server and strings', async () => {
    const page = await mountWidget({ context: 'Docs page: alerts', 'send-page-context': 'false' });
    await page.widget.open();
    await page.field('Email');
    const panel = panelOf(page.widget)!;
    expect(panel.context).toBe('Docs page: alerts');
    expect(panel.sendPageContext).toBe(false);

    page.widget.removeAttribute('send-page-context');
    page.widget.context = { product: 'Lumen' };
    page.widget.strings = { signIn: 'Log in' };
    await page.widget.updateComplete;
    expect(panel.sendPageContext).toBe(true);
    expect(panel.context).toEqual({ product: 'Lumen' });
    await page.button('Log in');
  });
});

describe('set-up errors, for the site owner', () => {
  it('says which server does not answer, offers Retry, and logs it once', async () => {
    const page = await mountWidget({ server: 'http://127.0.0.1:9' });
    await page.widget.open();
    await page.waitForText('The chat server http://127.0.0.1:9 is not reachable right now.');
    expect(page.byRole('alert')).toHaveLength(1);
    await page.click('Retry');
    await page.waitForText('The chat server http://127.0.0.1:9 is not reachable right now.');
    await page.button('Retry');
    const logged = consoleErrors.filter((line) => line.includes('<chat-widget>'));
    expect(logged).toEqual([expect.stringContaining('the chat server http://127.0.0.1:9 is not reachable')]);
  });

  it('tells a page whose server attribute points elsewhere to set it', async () => {
    const elsewhere = `${serverUrl()}/widget`;
    const page = await mountWidget({ server: elsewhere });
    await page.widget.open();
    await page.waitForText(`No chat server answers at ${elsewhere}.`);
    expect(page.buttons('Retry')).toHaveLength(0);
    await page.click('Close chat');
    await waitFor(() => !page.widget.isOpen, 'the dialog closed');
    expect(consoleErrors.filter((line) => line.includes('<chat-widget>'))).toEqual([expect.stringContaining(`Set the element's server attribute`)]);
  });
});
