import { describe, expect, it } from '@jest/globals';
import { hostToken, signInHost } from '../../server/test/host-identity.js';
import { mountWidget, serverUrl, sessionKey, waitFor } from './harness.js';

const widgetKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('chat-widget:'));

function events(target: EventTarget, names: string[]): Array<{ name: string; detail: unknown }> {
  const seen: Array<{ name: string; detail: unknown }> = [];
  for (const name of names) target.addEventListener(name, (event) => seen.push({ name, detail: (event as CustomEvent).detail }));
  return seen;
}

describe("the host site's own login", () => {
  it('signs the host user in from setIdentity() with no form, and clearIdentity() signs out and clears the storage', async () => {
    const page = await mountWidget();
    const seen = events(page.widget, ['chat-widget:signed-in', 'chat-widget:signed-out']);
    page.widget.setIdentity(await hostToken({ sub: 'shop-customer-1', name: 'Ada from the shop' }));
    await page.widget.open();
    await page.field('Message');
    expect(page.byRole('textbox').some((e) => e.getAttribute('type') === 'password')).toBe(false);
    expect(seen).toEqual([{ name: 'chat-widget:signed-in', detail: { user: expect.objectContaining({ name: 'Ada from the shop' }), method: 'host' } }]);

    await page.widget.clearIdentity();
    await waitFor(() => widgetKeys().length === 0, 'the storage to be cleared');
    expect(seen.map((e) => e.name)).toEqual(['chat-widget:signed-in', 'chat-widget:signed-out']);
    await page.field('Email');
  });

  it('signs in from the identity-token attribute, and signs out when the attribute is removed', async () => {
    const page = await mountWidget({ 'identity-token': await hostToken({ name: 'Grace' }), open: '' });
    await page.field('Message');
    expect(localStorage.getItem(sessionKey())).toEqual(expect.any(String));
    page.widget.removeAttribute('identity-token');
    await waitFor(() => widgetKeys().length === 0, 'the storage to be cleared');
    await page.field('Email');
  });

  it('keeps the session of the same host user across pages without spending the new token', async () => {
    const first = await mountWidget({ 'identity-token': await hostToken({ sub: 'returning-customer', name: 'Returning' }), open: '' });
    await first.field('Message');
    const session = localStorage.getItem(sessionKey());
    first.widget.remove();

    const next = await hostToken({ sub: 'returning-customer', name: 'Returning' });
    const again = await mountWidget({ 'identity-token': next, open: '' });
    await again.field('Message');
    expect(localStorage.getItem(sessionKey())).toBe(session);
    // The token was not used: it still signs in once.
    expect((await signInHost(serverUrl(), next)).status).toBe(200);
  });

  it("never shows one host user the previous host user's session", async () => {
    const first = await mountWidget({ 'identity-token': await hostToken({ sub: 'first-customer', name: 'First' }), open: '' });
    await first.field('Message');
    const firstSession = localStorage.getItem(sessionKey());
    first.widget.remove();

    const second = await mountWidget({ open: '' });
    const seen = events(second.widget, ['chat-widget:signed-in']);
    second.widget.identityToken = await hostToken({ sub: 'second-customer', name: 'Second' });
    await waitFor(() => seen.length > 0, 'a sign-in');
    expect(seen.at(-1)!.detail).toMatchObject({ user: { name: 'Second' }, method: 'host' });
    expect(localStorage.getItem(sessionKey())).not.toBe(firstSession);
  });

  it('ends a session of the host login when the host says nobody is signed in (identity-token="")', async () => {
    const first = await mountWidget({ 'identity-token': await hostToken(), open: '' });
    await first.field('Message');
    first.widget.remove();
    const after = await mountWidget({ 'identity-token': '', open: '' });
    await after.field('Email');
    expect(localStorage.getItem(sessionKey())).toBeNull();
  });

  it('says the site could not sign the user in when the token is refused, with a Retry', async () => {
    const seen = events(document, ['chat-widget:error']);
    const page = await mountWidget({ 'identity-token': await hostToken({ aud: 'https://another-chat.example' }), open: '' });
    await page.waitForText('The site could not sign you in to the chat.');
    await page.button('Retry');
    expect(seen.at(-1)?.detail).toMatchObject({ code: 'HOST_TOKEN_WRONG_AUDIENCE', status: 401 });
  });

  it('asks an identity-endpoint only on its own origin', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const page = await mountWidget({ 'identity-endpoint': 'https://evil.example/chat-identity', open: '' });
      await page.field('Email');
      expect(errors.join('\n')).toMatch(/identity-endpoint must be on this page's origin/);
    } finally {
      console.error = original;
    }
  });
});
