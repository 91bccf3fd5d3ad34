import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { signUp, TEST_ORIGIN, uniqueEmail } from '../../server/test/auth-helpers.js';
import type { ChatPanel } from '../src/components/chat-panel/chat-panel.component.js';
import { mountSignedIn, mountWidget, serverUrl, sessionKey, verifyingServerUrl, waitFor } from './harness.js';

const widgetKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('chat-widget:'));

describe('sign-in views', () => {
  it('signs a new user up from the launcher and shows the chat', async () => {
    const page = await mountWidget();
    const events: string[] = [];
    for (const name of ['chat-widget:opened', 'chat-widget:signed-in']) page.widget.addEventListener(name, () => events.push(name));
    await page.click('Open chat');
    await page.click('I need an account');
    await page.type('Name', 'Ada');
    await page.type('Email', uniqueEmail());
    await page.type('Password', 'correct horse battery');
    await page.click('Create account');
    await page.field('Message');
    expect(events).toEqual(['chat-widget:opened', 'chat-widget:signed-in']);
  });

  it('validates the fields before asking the server', async () => {
    const page = await mountWidget({ open: '' });
    await page.click('Sign in');
    expect((await page.field('Email')).getAttribute('aria-invalid')).toBe('true');
    await page.waitForText('Required.');

    await page.click('I need an account');
    await page.type('Name', 'Ada');
    await page.type('Email', 'not-an-email');
    await page.type('Password', 'short');
    await page.click('Create account');
    await page.waitForText('Enter a valid email address.');
    expect((await page.field('Password')).getAttribute('aria-invalid')).toBe('true');
    expect((await page.field('Name')).getAttribute('aria-invalid')).toBe('false');
  });

  it('bounds the sign-up fields to what the server accepts', async () => {
    const page = await mountWidget({ open: '' });
    await page.click('I need an account');
    expect((await page.field('Name')).maxLength).toBe(100);
    expect((await page.field('Email')).maxLength).toBe(254);
  });

  it('shows the server refusing wrong credentials and a taken email, keeping what was typed', async () => {
    const user = await signUp(serverUrl());
    const page = await mountWidget({ open: '' });
    await page.type('Email', user.email);
    await page.type('Password', 'not the password');
    await page.click('Sign in');
    await page.waitForText('Wrong email or password.');
    expect((await page.field('Email')).value).toBe(user.email);

    await page.click('I need an account');
    await page.type('Name', 'Bob');
    await page.type('Email', user.email);
    await page.type('Password', 'another good password');
    await page.click('Create account');
    const alert = await waitFor(() => page.byRole('alert').find((e) => e.textContent?.trim()), 'an alert');
    expect(alert.textContent).toMatch(/exist/i);
  });

  it('keeps the session across a reload and signs in again without a form', async () => {
    const user = await signUp(serverUrl());
    const first = await mountWidget({ open: '' });
    await first.type('Email', user.email);
    await first.type('Password', user.password);
    await first.click('Sign in');
    await first.field('Message');
    first.widget.remove();

    const second = await mountWidget();
    const signedIn = new Promise<CustomEvent>((resolve) => second.widget.addEventListener('chat-widget:signed-in', resolve as EventListener, { once: true }));
    await second.widget.open();
    expect((await signedIn).detail).toMatchObject({ method: 'session', user: { email: user.email } });
    await second.field('Message');
  });

  it('signs out from the header and forgets everything it stored for the user', async () => {
    const { page, client } = await mountSignedIn();
    await page.type('Message', 'hello there');
    await page.click('Send');
    await waitFor(() => page.messages().some((m) => m.dataset.status === 'complete' && m.classList.contains('assistant')), 'an answer');
    expect(widgetKeys().length).toBeGreaterThan(1);
    const signedOut = new Promise<CustomEvent>((resolve) => page.widget.addEventListener('chat-widget:signed-out', resolve as EventListener, { once: true }));
    await page.click('Sign out');
    expect((await signedOut).detail).toEqual({ reason: 'user' });
    await page.field('Password');
    expect(widgetKeys()).toEqual([]);
    // The session is over on the server too.
    await request(serverUrl()).get('/api/auth/get-session').set('Origin', TEST_ORIGIN).set('Authorization', `Bearer ${client.user.sessionToken}`).expect((r) => expect(r.body).toBeNull());
  });

  it('signs out through the JS API without the panel having been opened', async () => {
    const client = await signUp(serverUrl());
    localStorage.setItem(sessionKey(), client.sessionToken);
    const page = await mountWidget();
    await page.widget.signOut();
    expect(widgetKeys()).toEqual([]);
  });
});

describe('API token', () => {
  const panelOf = (page: Awaited<ReturnType<typeof mountWidget>>) => page.widget.shadowRoot!.querySelector('chat-widget-panel') as ChatPanel;
  // The widget keeps the API JWT in memory; the tests spoil it as a revoked key or a rotation would.
  const spoilToken = (page: Awaited<ReturnType<typeof mountWidget>>) => {
    const auth = (panelOf(page) as unknown as { authService: { jwt: { token: string } } }).authService;
    auth.jwt.token = `${auth.jwt.token.slice(0, -4)}AAAA`;
  };

  it('answers a 401 with one refresh and carries on', async () => {
    const { page } = await mountSignedIn();
    const tokenRequests: string[] = [];
    const pageFetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input).endsWith('/api/auth/token')) tokenRequests.push(String(input));
      return pageFetch(input, init);
    };
    try {
      spoilToken(page);
      await page.click('History');
      await page.waitForText('No conversations yet.');
      expect(tokenRequests).toHaveLength(1);
      expect(page.buttons('Sign out')).toHaveLength(1);
    } finally {
      window.fetch = pageFetch;
    }
  });

  it('shows the sign-in view when the refresh fails too (session revoked)', async () => {
    const { page, client } = await mountSignedIn();
    await request(serverUrl()).post('/api/auth/sign-out').set('Origin', TEST_ORIGIN).set('Authorization', `Bearer ${client.user.sessionToken}`).send({}).expect(200);
    const signedOut = new Promise<CustomEvent>((resolve) => page.widget.addEventListener('chat-widget:signed-out', resolve as EventListener, { once: true }));
    spoilToken(page);
    await page.click('History');
    expect((await signedOut).detail).toEqual({ reason: 'expired' });
    await page.waitForText('Your session has expired. Please sign in again.');
    await page.field('Password');
    expect(widgetKeys()).toEqual([]);
  });

  it('fetches a new token before the current one expires', async () => {
    const { page } = await mountSignedIn();
    const auth = (panelOf(page) as unknown as { authService: { jwt: { token: string; exp: number } } }).authService;
    // 30 s left: inside the refresh margin, so the next request gets a fresh token first.
    auth.jwt.exp = Date.now() / 1000 + 30;
    await page.click('History');
    await page.waitForText('No conversations yet.');
    // A fresh token (the same second can give the same signature, so compare the expiry).
    expect(auth.jwt.exp - Date.now() / 1000).toBeGreaterThan(300);
  });
});

describe('password reset', () => {
  it('mails a link back to this page, which opens on "set new password" and takes the token out of the address bar', async () => {
    // The host page's own parameters and hash survive the round trip.
    history.replaceState(null, '', '/help?section=account#top');
    const user = await signUp(serverUrl());
    const page = await mountWidget({ open: '' });
    await page.click('Forgot password?');
    await page.type('Email', user.email);
    await page.click('Send reset link');
    await page.waitForText(`If an account exists for ${user.email}`);

    // The link in the email: Better Auth's /reset-password/:token redirects to our page with ?token=.
    const token = await resetTokenOf(user.userId);
    const link = await request(serverUrl()).get(`/api/auth/reset-password/${token}`).query({ callbackURL: await redirectToOf(user.userId) });
    const landing = new URL(link.headers.location!);
    expect(landing.origin).toBe('http://host.test');
    expect(landing.searchParams.get('chat-widget-reset')).toBe('1');
    expect(landing.searchParams.get('token')).toBe(token);
    page.widget.remove();

    history.replaceState(null, '', landing.pathname + landing.search + '#top');
    const reset = await mountWidget();
    // Before anything else runs: analytics on the host page and the history entry see no token.
    expect(location.href).not.toContain(token);
    expect(location.href).toBe('http://host.test/help?section=account#top');
    await reset.type('New password', 'a brand new password');
    await reset.click('Set new password');
    await reset.waitForText('Your password was changed.');
    expect(location.href).toBe('http://host.test/help?section=account#top');

    await reset.type('Email', user.email);
    await reset.type('Password', 'a brand new password');
    await reset.click('Sign in');
    await reset.field('Message');
    history.replaceState(null, '', '/');
  });
});

describe('email verification (REQUIRE_EMAIL_VERIFICATION)', () => {
  it('shows "check your email" after sign-up and for an unconfirmed sign-in, resends the link, and signs in once confirmed', async () => {
    const email = uniqueEmail('confirm');
    const page = await mountWidget({ server: verifyingServerUrl(), open: '' });
    const signedIn: string[] = [];
    page.widget.addEventListener('chat-widget:signed-in', () => signedIn.push('signed-in'));
    await page.click('I need an account');
    await page.type('Name', 'Connie');
    await page.type('Email', email);
    await page.type('Password', 'a good long password');
    await page.click('Create account');
    await page.waitForText('Check your email');
    await page.waitForText(`We sent a link to ${email}.`);

    await page.click('Resend the link');
    expect((await waitFor(() => page.byRole('status').find((e) => e.textContent?.trim()), 'a status')).textContent).toContain('A new link is on its way.');

    await page.click('I confirmed it: sign in');
    await page.type('Email', email);
    await page.type('Password', 'a good long password');
    await page.click('Sign in');
    await page.waitForText(`We sent a link to ${email}.`);
    expect(signedIn).toEqual([]);

    // The link itself is followed in the e2e scenario (real SMTP); here the account is confirmed directly.
    await withDatabase((client) => client.query('UPDATE "user" SET "emailVerified" = true WHERE email = $1', [email]));
    await page.click('I confirmed it: sign in');
    await page.type('Email', email);
    await page.type('Password', 'a good long password');
    await page.click('Sign in');
    await page.field('Message');
    expect(signedIn).toEqual(['signed-in']);
  });

  it('speaks French on the "check your email" screen', async () => {
    const page = await mountWidget({ server: verifyingServerUrl(), open: '', locale: 'fr' });
    await page.click('Je n’ai pas de compte');
    await page.type('Nom', 'Claire');
    await page.type('E-mail', uniqueEmail('fr'));
    await page.type('Mot de passe', 'un bon long mot de passe');
    await page.click('Créer le compte');
    await page.waitForText('Consultez vos e-mails');
    await page.button('Renvoyer le lien');
  });
});

// The reset token only travels by email; the test reads it where Better Auth keeps it.
async function withDatabase<T>(query: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.WIDGET_TEST_DATABASE_URL });
  await client.connect();
  try {
    return await query(client);
  } finally {
    await client.end();
  }
}

const resetTokenOf = (userId: string) =>
  withDatabase(async (client) => {
    const { rows } = await client.query(`SELECT identifier FROM verification WHERE value = $1 AND identifier LIKE 'reset-password:%'`, [userId]);
    return (rows[0].identifier as string).slice('reset-password:'.length);
  });

/** The redirect the widget asked for: this page plus its marker. */
const redirectToOf = async (_userId: string) => `${location.origin}${location.pathname}${location.search ? `${location.search}&` : '?'}chat-widget-reset=1`;
