import type { WidgetUser } from '../events.js';
import { AUTH_BASE_PATH } from './api-contract.generated.js';
import { ApiError } from './api-error.js';
import type { MergeGuestBody } from './api-types.js';
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

  /**
   * Set when the server lets guests in (AUTH_MODES=guest): a request that needs a token while
   * nobody is signed in first signs in as a new guest (the first send), then reports the guest here.
   * The guest's session is sent as the bearer token on a later sign-in or sign-up, which is what
   * moves its conversations to the account.
   */
  onGuestSignIn: ((user: WidgetUser) => void) | null = null;

  constructor(
    private readonly server: string,
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
    // A guest has a session already: only a new one means the account is signed in.
    const before = this.storage.get(SESSION_KEY);
    await this.call('/sign-up/email', { name, email, password, callbackURL });
    return this.storage.get(SESSION_KEY) !== before ? this.userFromNewToken() : null;
  }

  /** Mails a new address-confirmation link (the server answers alike for any address). */
  async resendVerification(email: string, callbackURL: string): Promise<void> {
    await this.call('/send-verification-email', { email, callbackURL });
  }

  /** After the social sign-in popup handed us a session token. */
  async adoptSession(sessionToken: string): Promise<WidgetUser> {
    // The popup's sign-in never saw the guest's session: the widget hands the guest over itself,
    // before switching, so a merge that fails leaves the guest as it was, conversations included.
    if (this.user?.guest) await this.mergeGuestInto(sessionToken);
    this.storage.set(SESSION_KEY, sessionToken);
    return this.userFromNewToken();
  }

  /** POST /users/me/guest-merge as the account of `sessionToken`, with the guest's own JWT as proof. */
  private async mergeGuestInto(sessionToken: string): Promise<void> {
    const body: MergeGuestBody = { guestToken: await this.token() };
    const { token } = await this.call<{ token: string }>('/token', undefined, sessionToken);
    let response: Response;
    try {
      response = await fetch(`${this.server}/users/me/guest-merge`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
      });
    } catch (error) {
      throw ApiError.network(error);
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
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
    if (!this.hasSession && this.onGuestSignIn) return this.signInAsGuest(this.onGuestSignIn);
    if (!this.hasSession) throw this.expired();
    let token: string;
    try {
      ({ token } = await this.call<{ token: string }>('/token'));
    } catch (error) {
      throw (error as ApiError).status === 401 ? this.expired() : error;
    }
    const claims = readClaims(token);
    const user: WidgetUser = { id: claims.sub, email: claims.email ?? '', name: claims.name ?? '', ...(claims.isAnonymous ? { guest: true } : {}) };
    this.jwt = { token, exp: claims.exp, user };
    return token;
  }

  private async signInAsGuest(signedIn: (user: WidgetUser) => void): Promise<string> {
    await this.call('/sign-in/anonymous', {});
    const token = await this.fetchToken();
    signedIn(this.jwt!.user);
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
  private async call<T>(path: string, body?: object, session = this.storage.get(SESSION_KEY)): Promise<T> {
    const headers: Record<string, string> = {};
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
