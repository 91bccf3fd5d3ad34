import type { ReactiveController } from 'lit';
import { reportError, SESSION_EXPIRED } from '../components/base/report-error.js';
import type { WidgetElement } from '../components/base/widget-element.js';
import type { WidgetUser } from '../events.js';
import { ApiError } from '../services/api-error.js';
import { AuthService } from '../services/auth-service.js';
import type { WidgetStorage } from '../services/storage.js';

/** `starting`: restoring a stored session; `unavailable`: that failed for another reason than the session. */
export type AuthState = 'starting' | 'unavailable' | 'signed-out' | 'signed-in';

export type SignInMethod = 'email' | 'sign-up' | 'social' | 'session' | 'guest' | 'host';

/**
 * The session's life cycle for the element that shows sign-in or chat: restores a stored session,
 * takes in a new one, notices when it expired (any request answered 401, announced by
 * SESSION_EXPIRED events from inside the host), and signs out. Fires the public `signed-in` and
 * `signed-out` events; the AuthService it owns does the HTTP.
 */
export class AuthController implements ReactiveController {
  state: AuthState = 'starting';
  user: WidgetUser | null = null;
  /** Why restoring failed, when `unavailable`. */
  error: ApiError | null = null;
  /** The session ended by itself (not a sign-out): the sign-in view says so. */
  expired = false;
  readonly service: AuthService;
  private signingOut?: Promise<void>;

  constructor(
    private readonly host: WidgetElement,
    server: string,
    storage: WidgetStorage,
    private readonly changed: (state: AuthState) => void = () => undefined,
  ) {
    this.service = new AuthService(server, storage, this.expire);
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener(SESSION_EXPIRED, this.expire);
  }

  hostDisconnected(): void {
    this.host.removeEventListener(SESSION_EXPIRED, this.expire);
  }

  /** Resumes a session kept from an earlier visit; `skip` goes straight to sign-in (a reset link was opened). */
  async restore(skip = false): Promise<void> {
    this.error = null;
    this.set('starting');
    if (skip || !this.service.hasSession) return this.set('signed-out');
    try {
      await this.service.token();
      // signOut() may have run meanwhile (JS API before the panel ever opened).
      if (!this.service.hasSession) return this.set('signed-out');
      this.signedIn(this.service.user!, 'session');
    } catch (error) {
      const apiError = reportError(this.host, error);
      // 401: `expire` already switched to signed-out.
      if (apiError.status !== 401) {
        this.error = apiError;
        this.set('unavailable');
      }
    }
  }

  /** A sign-in view (or `restore`) obtained a session for `user`. */
  signedIn(user: WidgetUser, method: SignInMethod): void {
    this.user = user;
    this.expired = false;
    this.set('signed-in');
    this.host.emit('chat-widget:signed-in', { user, method });
  }

  /** Signs in with the host site's identity token; a refusal leaves the error and a Retry, never a form to fill. */
  async signInWithHost(identityToken: string): Promise<void> {
    this.error = null;
    this.set('starting');
    try {
      this.signedIn(await this.service.signInWithHost(identityToken), 'host');
    } catch (error) {
      // Not reportError: a refused identity token is no expired session, and must not start another sign-in.
      const apiError = ApiError.network(error);
      this.host.emit('chat-widget:error', { code: apiError.code, message: apiError.message, status: apiError.status });
      this.error = apiError;
      this.set('unavailable');
    }
  }

  /** Ends the session on the server and forgets everything stored for it; calls made meanwhile share the one sign-out. */
  signOut(): Promise<void> {
    this.signingOut ??= this.endSession().finally(() => (this.signingOut = undefined));
    return this.signingOut;
  }

  private async endSession(): Promise<void> {
    const wasSignedIn = this.service.hasSession;
    await this.service.signOut();
    this.user = null;
    this.expired = false;
    this.set('signed-out');
    if (wasSignedIn) this.host.emit('chat-widget:signed-out', { reason: 'user' });
  }

  private expire = () => {
    if (this.state === 'signed-out') return;
    this.service.forget();
    const wasSignedIn = this.user !== null;
    this.user = null;
    this.expired = true;
    this.set('signed-out');
    if (wasSignedIn) this.host.emit('chat-widget:signed-out', { reason: 'expired' });
  };

  private set(state: AuthState): void {
    this.state = state;
    this.host.requestUpdate();
    this.changed(state);
  }
}
