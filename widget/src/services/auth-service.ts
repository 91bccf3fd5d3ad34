import type { WidgetUser } from '../events.js';
import { AUTH_BASE_PATH } from './api-contract.generated.js';
import { ApiError } from './api-error.js';
import { readClaims } from './jwt-claims.js';
import type { WidgetStorage } from './storage.js';

const SESSION_KEY = 'session';
/** The host user (`sub`) whose identity token made the stored session, when the host site's login did. */
const HOST_SUBJECT_KEY = 'host-subject';
/** Refresh the API token this long before it expires, so no request carries a token about to lapse. */
const REFRESH_MARGIN_SECONDS = 60;

/**
 * Sign-in state, against the server's Better Auth endpoints (AUTH_BASE_PATH, bearer and jwt plugins).
 * The session token lives in the widget's storage; the short-lived API JWT only in memory.
 *
 * Plain fetch rather than the official `better-auth/client`: that client (better-fetch, nanostores,
 * session atoms, focus/online managers) measured 10.0 KB gzip, a sixth of the widget's whole
 * budget, for five POSTs and one GET whose contract docs/api.md pins down.
 */
export class AuthService {
  private jwt: { token: string; exp: number; user: WidgetUser } | null = null;
  private pending: Promise<string> | null = null;

  private readonly base: string;

  constructor(
    server: string,
    private readonly storage: WidgetStorage,
    /** Called when the session turned out to be gone (expired, revoked). */
    private readonly onExpired: () => void,
  ) {
    this.base = `${server}${AUTH_BASE_PATH}`;
  }

  get hasSession(): boolean {
    return Boolean(this.storage.get(SESSION_KEY));
  }

  get user(): WidgetUser | null {
    return this.jwt?.user ?? null;
  }

  async signIn(email: string, password: string): Promise<WidgetUser> {
    await this.call('/sign-in/email', { email, password });
    return this.userFromNewToken();
  }

  /**
   * The new user, or null when the server wants the address confirmed first (it answered without a
   * session and mailed a link leading back to `callbackURL`).
   */
  async signUp(name: string, email: string, password: string, callbackURL: string): Promise<WidgetUser | null> {
    await this.call('/sign-up/email', { name, email, password, callbackURL });
    return this.hasSession ? this.userFromNewToken() : null;
  }

  /** Mails a new address-confirmation link (the server answers alike for any address). */
  async resendVerification(email: string, callbackURL: string): Promise<void> {
    await this.call('/send-verification-email', { email, callbackURL });
  }

  /** After the social sign-in popup handed us a session token. */
  async adoptSession(sessionToken: string): Promise<WidgetUser> {
    this.storage.set(SESSION_KEY, sessionToken);
    return this.userFromNewToken();
  }

  /** Exchanges an identity token the host site signed for a session (POST /sign-in/host). */
  async signInWithHost(identityToken: string): Promise<WidgetUser> {
    await this.call('/sign-in/host', { token: identityToken });
    this.storage.set(HOST_SUBJECT_KEY, readClaims(identityToken).sub);
    return this.userFromNewToken();
  }

  /** The host user the stored session belongs to; null for a session of another kind, or none. */
  get hostSubject(): string | null {
    return this.hasSession ? this.storage.get(HOST_SUBJECT_KEY) : null;
  }

  async requestPasswordReset(email: string, redirectTo: string): Promise<void> {
    await this.call('/request-password-reset', { email, redirectTo });
  }

  async resetPassword(token: string, newPassword: string): Promise<void> {
    await this.call('/reset-password', { token, newPassword });
  }

  /** Ends the session on the server (best effort) and forgets everything stored for this server. */
  async signOut(): Promise<void> {
    if (this.hasSession) await this.call('/sign-out', {}).catch(() => undefined);
    this.forget();
  }

  /** Drops local state only: the session is already gone on the server. */
  forget(): void {
    this.storage.clear();
    this.jwt = null;
  }

  /**
   * An API token valid for at least REFRESH_MARGIN_SECONDS; `force` fetches a new one (after a 401).
   * Concurrent callers share one request.
   */
  token(force = false): Promise<string> {
    const now = Date.now() / 1000;
    if (!force && this.jwt && this.jwt.exp - REFRESH_MARGIN_SECONDS > now) return Promise.resolve(this.jwt.token);
    this.pending ??= this.fetchToken().finally(() => (this.pending = null));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    if (!this.hasSession) throw this.expired();
    let token: string;
    try {
      ({ token } = await this.call<{ token: string }>('/token'));
    } catch (error) {
      throw (error as ApiError).status === 401 ? this.expired() : error;
    }
    const claims = readClaims(token);
    this.jwt = { token, exp: claims.exp, user: { id: claims.sub, email: claims.email ?? '', name: claims.name ?? '' } };
    return token;
  }

  private async userFromNewToken(): Promise<WidgetUser> {
    await this.token(true);
    return this.jwt!.user;
  }

  private expired(): ApiError {
    if (this.hasSession || this.jwt) {
      this.forget();
      this.onExpired();
    }
    return new ApiError(401, 'SESSION_EXPIRED', 'Session expired');
  }

  /** One Better Auth call: POST with a JSON body, GET without; keeps the session token it hands out. */
  private async call<T>(path: string, body?: object): Promise<T> {
    const headers: Record<string, string> = {};
    const session = this.storage.get(SESSION_KEY);
    if (session) headers.authorization = `Bearer ${session}`;
    if (body) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      // No cookies: third-party cookies are unreliable on a host page of another site.
      response = await fetch(this.base + path, { method: body ? 'POST' : 'GET', headers, body: body && JSON.stringify(body), credentials: 'omit' });
    } catch (error) {
      throw ApiError.network(error);
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    const token = response.headers.get('set-auth-token');
    if (token) this.storage.set(SESSION_KEY, token);
    return response.json() as Promise<T>;
  }
}
