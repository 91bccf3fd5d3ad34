import { readClaims } from '../services/jwt-claims.js';
import type { AuthController } from './auth-controller.js';

/** What the host site says about who is signed in on it: a token for its user, `null` for nobody, `undefined` for nothing. */
export type HostIdentity = string | null | undefined;

/**
 * Asks the host site's own endpoint for a fresh identity token: same origin only, with the host's
 * cookies. `{ "token": "…" }` names the user; any other answer (401, 204, `{ "token": null }`)
 * says nobody is signed in; a failure to reach it says nothing.
 */
export async function fetchIdentity(endpoint: string): Promise<HostIdentity> {
  const url = new URL(endpoint, location.href);
  if (url.origin !== location.origin) {
    console.error(`<chat-widget>: identity-endpoint must be on this page's origin (${location.origin}), not ${url.origin}`);
    return undefined;
  }
  try {
    const response = await fetch(url, { credentials: 'include', headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok || response.status === 204) return null;
    const token = ((await response.json()) as { token?: unknown } | null)?.token;
    return typeof token === 'string' && token ? token : null;
  } catch {
    return undefined;
  }
}

function subjectOf(token: string): string | null {
  try {
    return readClaims(token).sub ?? null;
  } catch {
    return null;
  }
}

/**
 * Keeps the widget's session in line with the host site's login (`identity-token`,
 * `identity-endpoint`, `setIdentity()`): the host's user signs in with no form; another host user
 * never gets the stored session of the previous one; a host with nobody signed in ends a session
 * the host's login made. Sessions of other kinds (a guest's, a password's) are left alone, and a
 * guest's is sent along with the sign-in, so the server moves the guest's conversations over.
 */
export class HostIdentitySync {
  /** The `identity-token` attribute or property: undefined when not given, '' when the host says nobody. */
  token: string | undefined;
  endpoint: string | undefined;
  /** Identity tokens are one-use: a token given once is not sent again. */
  private spent: string | undefined;

  constructor(private readonly auth: AuthController) {}

  get inUse(): boolean {
    return this.token !== undefined || Boolean(this.endpoint);
  }

  /** Signs in, keeps, or ends the session as the host's login says; restores it normally when the host says nothing. */
  async sync(skipRestore = false): Promise<void> {
    const identity = await this.current();
    const service = this.auth.service;
    if (identity === undefined) return this.auth.restore(skipRestore);
    if (identity === null) {
      if (service.hostSubject) await this.auth.signOut();
      return this.auth.restore(skipRestore);
    }
    if (service.hostSubject && service.hostSubject === subjectOf(identity)) {
      await this.auth.restore();
      if (this.auth.state === 'signed-in' || this.auth.state === 'unavailable') return;
    } else if (service.hostSubject) await this.auth.signOut();
    this.spent = identity;
    await this.auth.signInWithHost(identity);
  }

  private async current(): Promise<HostIdentity> {
    if (this.token !== undefined) {
      if (this.token === '') return null;
      if (this.token !== this.spent) return this.token;
    }
    return this.endpoint ? fetchIdentity(this.endpoint) : undefined;
  }
}
