import { describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { apiClient } from '../../server/test/api-client.js';
import { fetchJwt, signUp, uniqueEmail } from '../../server/test/auth-helpers.js';
import { AuthService } from '../src/services/auth-service.js';
import { createStorage } from '../src/services/storage.js';
import { answerContains } from './agent-script.js';
import { guestServerUrl, mountWidget, socialGuestServerUrl, waitFor, type Harness } from './harness.js';

const OFFER = 'Sign in to keep your history on every device';
const guestSessionKey = () => `chat-widget:${guestServerUrl()}:session`;
const mountGuestWidget = () => mountWidget({ server: guestServerUrl() });

function nextEvent(page: Harness, name: string): Promise<CustomEvent> {
  return new Promise((resolve) => page.widget.addEventListener(name, resolve as EventListener, { once: true }));
}

async function ask(page: Harness, message: string): Promise<void> {
  await page.type('Message', message);
  await page.click('Send');
  await page.waitForText(answerContains(message));
}

describe('guests (AUTH_MODES=guest)', () => {
  it('shows the composer at once, and the first send makes the visitor a guest whose chat survives a reload', async () => {
    const page = await mountGuestWidget();
    await page.click('Open chat');
    await page.field('Message');
    expect(page.buttons('Sign in')).toEqual([]);
    expect(page.buttons('History')).toEqual([]);
    expect(page.buttons(OFFER)).toHaveLength(1);
    expect(localStorage.getItem(guestSessionKey())).toBeNull();

    const signedIn = nextEvent(page, 'chat-widget:signed-in');
    await ask(page, 'What can a guest do?');
    expect((await signedIn).detail).toMatchObject({ method: 'guest', user: { guest: true, email: '', name: '' } });
    const session = localStorage.getItem(guestSessionKey());
    expect(session).toBeTruthy();
    expect(decodeJwt(await fetchJwt(guestServerUrl(), session!))).toMatchObject({ isAnonymous: true });
    await page.button('History');

    // A reload: the guest finds its conversation where it left it.
    document.body.replaceChildren();
    const again = await mountGuestWidget();
    await again.widget.open();
    await again.waitForText(answerContains('What can a guest do?'));
    expect(again.buttons(OFFER)).toHaveLength(1);
  });

  it('goes to the sign-in view and back from the offer', async () => {
    const page = await mountGuestWidget();
    await page.widget.open();
    await page.click(OFFER);
    await page.field('Password');
    await page.click('Back to the chat');
    await page.field('Message');
    expect(page.buttons(OFFER)).toHaveLength(1);
  });

  it('keeps the guest’s conversation when it signs up from the offer, and drops the offer', async () => {
    const page = await mountGuestWidget();
    await page.widget.open();
    await ask(page, 'Asked before signing up');
    const guestSession = localStorage.getItem(guestSessionKey())!;

    await page.click(OFFER);
    await page.click('I need an account');
    await page.type('Name', 'Grace');
    await page.type('Email', uniqueEmail('guest-widget'));
    await page.type('Password', 'correct horse battery');
    const signedIn = nextEvent(page, 'chat-widget:signed-in');
    await page.click('Create account');
    expect((await signedIn).detail).toMatchObject({ method: 'sign-up', user: { name: 'Grace' } });
    expect((await signedIn).detail.user.guest).toBeUndefined();

    // The same conversation, now the account's, still on screen; the offer is gone.
    await page.field('Message');
    await page.waitForText(answerContains('Asked before signing up'));
    await waitFor(() => page.buttons(OFFER).length === 0, 'the offer gone');
    const account = apiClient(guestServerUrl(), await fetchJwt(guestServerUrl(), localStorage.getItem(guestSessionKey())!));
    const { body } = await account.get('/conversations').expect(200);
    expect(body.items.map((c: { title: string }) => c.title)).toEqual(['Asked before signing up']);
    expect(localStorage.getItem(guestSessionKey())).not.toBe(guestSession);
  });

  it('hands the guest over after a social sign-in, whose popup never saw the guest’s session', async () => {
    const auth = new AuthService(guestServerUrl(), createStorage('memory', guestServerUrl()), () => undefined);
    auth.onGuestSignIn = () => undefined;
    const guest = apiClient(guestServerUrl(), await auth.token());
    await guest.post('/agents/run', { message: 'Asked before the popup' }).expect(200);

    // What the popup hands back: a session of the account, made without the guest.
    const member = await signUp(guestServerUrl());
    const user = await auth.adoptSession(member.sessionToken);
    expect(user).toMatchObject({ id: member.userId, name: member.name });
    const account = apiClient(guestServerUrl(), await auth.token());
    const { body } = await account.get('/conversations').expect(200);
    expect(body.items.map((c: { title: string }) => c.title)).toEqual(['Asked before the popup']);
  });

  it('follows the server’s modes: with social sign-in only, the offer leads to its buttons and no password form', async () => {
    const page = await mountWidget({ server: socialGuestServerUrl() });
    await page.widget.open();
    await page.field('Message');
    await page.click(OFFER);
    await page.button('Continue with GitHub');
    expect(page.buttons('Sign in')).toEqual([]);
    expect(page.buttons('I need an account')).toEqual([]);
    expect(page.text()).not.toContain('Password');
    await page.click('Back to the chat');
    await page.field('Message');
  });
});
