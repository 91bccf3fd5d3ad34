import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AUTH_BASE_PATH } from '../server/src/common/auth-base-path.js';
import { uniqueEmail } from '../server/test/auth-helpers.js';
import { startE2eEnvironment, type E2eEnvironment } from './harness/e2e-environment.js';
import { firstLink } from './harness/smtp-inbox.js';

// The pieces every browser scenario stands on, checked over plain HTTP first: when one of these
// fails, the scenarios' failures are about the harness, not the widget.
describe('e2e harness', () => {
  let env: E2eEnvironment;
  let origin: string;
  beforeAll(async () => {
    env = await startE2eEnvironment();
    origin = env.server.examplesUrl;
  }, 120_000);
  afterAll(() => env?.close(), 60_000);

  const auth = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${env.server.url}${AUTH_BASE_PATH}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, ...headers },
      body: JSON.stringify(body),
    });

  it('serves the examples on another origin, pointing at the API, with CORS allowing that origin', async () => {
    expect(new URL(origin).port).not.toBe(new URL(env.server.url).port);
    const page = await fetch(`${origin}/plain-html/`);
    const html = await page.text();
    expect(html).toContain(`<script type="module" src="${env.server.url}/widget/chat-widget.js"`);
    expect(html).toContain(`server="${env.server.url}"`);
    expect(html).not.toContain('{{API_URL}}');

    const preflight = await fetch(`${env.server.url}/conversations`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('serves the strict-CSP example with a policy that allows no inline code', async () => {
    const response = await fetch(`${origin}/strict-csp/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`script-src 'self' ${env.server.url}`);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    // Other examples are ordinary pages.
    expect((await fetch(`${origin}/plain-html/`)).headers.get('content-security-policy')).toBeNull();
  });

  it('delivers the password-reset email through SMTP to the local inbox', async () => {
    const email = uniqueEmail('reset');
    const signUp = await auth('/sign-up/email', { email, password: 'first password 1', name: 'Reset Me' });
    expect(signUp.status).toBe(200);

    const request = await auth('/request-password-reset', { email, redirectTo: `${origin}/plain-html/` });
    expect(request.status).toBe(200);

    const mail = await env.smtp.waitFor(email);
    expect(mail.subject).toBe('Reset your password');
    expect(mail.from?.text).toContain('no-reply@chat.test');
    const link = new URL(firstLink(mail));
    expect(link.origin).toBe(env.server.url);
    expect(link.pathname).toMatch(/^\/api\/auth\/reset-password\/[\w-]+$/);
    // Sent, not logged: the link (a credential) must not appear in the server's output.
    expect(env.server.logs()).not.toContain(link.pathname);
  });

  it('runs an OpenID Connect provider the server signs in through', async () => {
    const discovery = (await (await fetch(env.oidc.discoveryUrl)).json()) as { issuer: string; authorization_endpoint: string };
    expect(discovery.issuer).toBe(env.oidc.issuer);

    // Better Auth registers a generic OIDC provider as a social provider: same endpoints as GitHub's.
    const start = await auth('/sign-in/social', { provider: 'oidc', callbackURL: `${origin}/plain-html/`, disableRedirect: true });
    expect(start.status).toBe(200);
    const { url } = (await start.json()) as { url: string };
    const authorize = new URL(url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(discovery.authorization_endpoint);
    expect(authorize.searchParams.get('client_id')).toBe(env.oidc.clientId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${env.server.url}/api/auth/callback/oidc`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

    // The provider accepts the request: it answers with its sign-in interaction, not an error.
    const interaction = await fetch(url, { redirect: 'manual' });
    expect(interaction.status).toBe(303);
    expect(interaction.headers.get('location')).toMatch(/^\/interaction\//);
  });
});
