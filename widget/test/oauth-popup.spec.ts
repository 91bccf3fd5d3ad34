import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { signInWithPopup } from '../src/services/oauth-popup.js';

// The popup's completion page (Better Auth's oauthPopup plugin, on the chat server's origin) posts
// the session token to the opener. Any window can post to the host page, so the widget must take the
// message only from the server's origin and only with the nonce it put in this popup's URL.
const SERVER = 'http://chat.test:3000';
const MESSAGE_TYPE = 'better-auth:oauth-popup';

// The one stand-in: happy-dom cannot run the OAuth dance in a real popup (Chromium does, in e2e
// scenario 4). The popup only has to exist and stay open; the test reads the URL it was opened at.
let opened: URL | null = null;
const realOpen = window.open;
beforeEach(() => {
  opened = null;
  window.open = ((url: string) => {
    opened = new URL(url);
    return { closed: false, close() {} } as unknown as Window;
  }) as typeof window.open;
});
afterEach(() => {
  window.open = realOpen;
});

const post = (origin: string, data: unknown) => window.dispatchEvent(new MessageEvent('message', { origin, data }));

/** Starts a popup sign-in and returns its outcome and the nonce the popup was given. */
function startSignIn() {
  const outcome = signInWithPopup(SERVER, 'github');
  const nonce = opened!.searchParams.get('popupNonce')!;
  expect(opened!.origin).toBe(SERVER);
  expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  return { outcome, nonce };
}

describe('social sign-in popup messages', () => {
  it('takes the token posted from the server origin with the popup nonce', async () => {
    const { outcome, nonce } = startSignIn();
    post(SERVER, { type: MESSAGE_TYPE, nonce, token: 'the-real-session' });
    await expect(outcome).resolves.toEqual({ token: 'the-real-session' });
  });

  it('refuses a message from any other origin, even with the right nonce', async () => {
    const { outcome, nonce } = startSignIn();
    // Another site's window, the host page itself, the same host on another port or scheme.
    for (const origin of ['https://evil.test', location.origin, 'http://chat.test:3001', 'https://chat.test:3000', 'null', '']) {
      post(origin, { type: MESSAGE_TYPE, nonce, token: `attacker-session-from-${origin}` });
      post(origin, { type: MESSAGE_TYPE, nonce, error: { code: 'ACCESS_DENIED' } });
    }
    // First message taken wins: had any of the above been taken, this one would not be.
    post(SERVER, { type: MESSAGE_TYPE, nonce, token: 'the-real-session' });
    await expect(outcome).resolves.toEqual({ token: 'the-real-session' });
  });

  it('refuses a message from the server origin without this popup nonce', async () => {
    const { outcome, nonce } = startSignIn();
    for (const wrong of ['0'.repeat(32), nonce.toUpperCase(), nonce.slice(1), `${nonce}0`, '', undefined, null, 0]) {
      post(SERVER, { type: MESSAGE_TYPE, nonce: wrong, token: 'attacker-session' });
      post(SERVER, { type: MESSAGE_TYPE, nonce: wrong, error: { code: 'ACCESS_DENIED' } });
    }
    post(SERVER, { type: 'another-library:message', nonce, token: 'not-ours' });
    post(SERVER, { type: MESSAGE_TYPE, nonce, token: 'the-real-session' });
    await expect(outcome).resolves.toEqual({ token: 'the-real-session' });
  });

  it('gives each of two popups only its own message', async () => {
    const first = startSignIn();
    const second = startSignIn();
    expect(second.nonce).not.toBe(first.nonce);
    post(SERVER, { type: MESSAGE_TYPE, nonce: second.nonce, token: 'second-session' });
    post(SERVER, { type: MESSAGE_TYPE, nonce: first.nonce, token: 'first-session' });
    await expect(first.outcome).resolves.toEqual({ token: 'first-session' });
    await expect(second.outcome).resolves.toEqual({ token: 'second-session' });
  });
});
