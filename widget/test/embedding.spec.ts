import { describe, expect, it } from '@jest/globals';
import { ChatWidget as ExportedClass, define } from '../src/index.js';
import { defineChatWidget } from '../src/define.js';
import { mountWidget, waitFor } from './harness.js';

describe('embedding', () => {
  it('registers <chat-widget> once; a second copy or call is harmless', () => {
    expect(customElements.get('chat-widget')).toBe(ExportedClass);
    expect(() => defineChatWidget()).not.toThrow();
    expect(() => define('chat-widget', class extends ExportedClass {})).not.toThrow();
    expect(customElements.get('chat-widget')).toBe(ExportedClass);
  });

  it('lets a bundler register a subclass under its own tag', async () => {
    class AcmeChat extends ExportedClass {}
    define('acme-chat', AcmeChat);
    expect(document.createElement('acme-chat')).toBeInstanceOf(ExportedClass);
  });

  it('opens from the launcher, closes with Escape, and gives focus back to the launcher', async () => {
    const page = await mountWidget();
    const events: string[] = [];
    for (const name of ['chat-widget:opened', 'chat-widget:closed']) page.widget.addEventListener(name, () => events.push(name));
    const launcher = await page.button('Open chat');
    launcher.focus();
    launcher.click();
    await page.field('Email');
    expect(page.widget.hasAttribute('open')).toBe(true);
    const dialog = await waitFor(() => page.byRole('dialog')[0], 'the panel');
    expect(dialog.getAttribute('aria-label')).toBe('Chat');

    (await page.field('Email')).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => !page.widget.hasAttribute('open'), 'the panel closed');
    await page.widget.updateComplete;
    expect(events).toEqual(['chat-widget:opened', 'chat-widget:closed']);
    expect(page.widget.shadowRoot!.activeElement).toBe(launcher);
  });

  it('JS API: open(), close(), toggle() change state without firing user events', async () => {
    const page = await mountWidget();
    const events: string[] = [];
    page.widget.addEventListener('chat-widget:opened', () => events.push('opened'));
    await page.widget.open();
    expect(page.widget.isOpen).toBe(true);
    page.widget.close();
    expect(page.widget.isOpen).toBe(false);
    page.widget.toggle();
    expect(page.widget.isOpen).toBe(true);
    expect(events).toEqual([]);
  });

  it('speaks French with locale="fr", and the host can override any string', async () => {
    const page = await mountWidget({ locale: 'fr-CA', title: 'Support' });
    await page.button('Ouvrir le chat');
    page.widget.strings = { signIn: 'Connexion' };
    await page.widget.open();
    await page.button('Connexion');
    await page.field('Mot de passe');
    expect(page.byRole('dialog')[0]!.getAttribute('aria-label')).toBe('Support');
  });

  it('reflects theme and position for styling, and keeps styles in its shadow root', async () => {
    const page = await mountWidget({ theme: 'dark', position: 'bottom-left' });
    expect(page.widget.theme).toBe('dark');
    expect(page.widget.position).toBe('bottom-left');
    page.widget.theme = 'light';
    await page.widget.updateComplete;
    expect(page.widget.getAttribute('theme')).toBe('light');
    expect(document.head.querySelector('style')).toBeNull();
  });

});

describe('focus', () => {
  it('moves into the panel when it opens: the first field, then the composer after sign-in', async () => {
    const page = await mountWidget();
    await page.click('Open chat');
    const email = await page.field('Email');
    await waitFor(() => page.inner('chat-widget-auth')!.activeElement === email, 'focus on Email');
  });
});
