import { consume } from '@lit/context';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { format, type Strings } from '../../i18n/index.js';
import type { SignInProvider } from '../../services/api-types.js';
import type { AuthService } from '../../services/auth-service.js';
import { signInWithPopup } from '../../services/oauth-popup.js';
import { resetRedirectUrl } from '../../services/reset-link.js';
import { controls } from '../../styles/theme.js';
import { errorText, reportError } from '../base/report-error.js';
import { WidgetElement } from '../base/widget-element.js';
import { authContext, stringsContext } from '../base/contexts.js';
import { authStyles } from './auth-view.styles.js';

export type AuthMode = 'sign-in' | 'sign-up' | 'forgot' | 'forgot-sent' | 'reset' | 'verify-email';

type Field = 'name' | 'email' | 'password';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The server's bounds (auth/profile/profile-rules.ts), so a typed value never gets refused for its length. */
const MAX_LENGTH: Partial<Record<Field, number>> = { name: 100, email: 254, password: 128 };

/** Where the address-confirmation link leads back to: this page. */
function thisPage(): string {
  const url = new URL(location.href);
  url.hash = '';
  return url.toString();
}

/**
 * Sign-in, sign-up, forgot and reset password, and the social / OIDC buttons. Fires (internal)
 * `signed-in` with the user and method, and `reset-done` once a reset link's token was used.
 */
export class AuthView extends WidgetElement {
  static override styles = [controls, authStyles];

  @consume({ context: authContext }) private auth!: AuthService;
  @consume({ context: stringsContext, subscribe: true }) @state() private t!: Strings;
  @property({ attribute: false }) server = '';
  @property({ attribute: false }) providers: SignInProvider[] = [];
  @property({ attribute: false }) resetToken: string | null = null;
  /** Shown above the form, e.g. "your session expired". */
  @property({ attribute: false }) notice = '';
  /** The server's AUTH_MODES has `password`: without it only the social buttons are shown. */
  @property({ attribute: false }) passwordAllowed = true;
  /** When set, a button with this label fires (internal) `back`: a guest returns to its chat. */
  @property({ attribute: false }) backLabel = '';

  @state() private mode: AuthMode = 'sign-in';
  /** Replaces `notice` once this view has news of its own ("your password was changed"). */
  @state() private ownNotice = '';
  @state() private busy = false;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private formError = '';
  @state() private email = '';
  /** Shown on the "check your email" screen once a new link was asked for. */
  @state() private resent = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.resetToken !== null) this.mode = 'reset';
  }

  /** Puts focus on the first field of the current form. */
  async focusFirst(): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('input, button')?.focus();
  }

  override render() {
    const t = this.t;
    const text = this.ownNotice || this.notice;
    const notice = text ? html`<p role="status">${text}</p>` : nothing;
    const formError = html`<p class="error" role="alert">${this.formError}</p>`;
    switch (this.mode) {
      case 'sign-up':
        return html`<h2>${t.signUpTitle}</h2>
          ${notice}
          <form novalidate @submit=${this.submit}>
            ${this.field('name', t.name, 'text', 'name')} ${this.field('email', t.email, 'email', 'email')}
            ${this.field('password', t.password, 'password', 'new-password', t.passwordLength)} ${formError}
            <button class="primary" ?disabled=${this.busy}>${t.createAccount}</button>
          </form>
          <div class="row"><button class="link" type="button" @click=${() => this.switchTo('sign-in')}>${t.toSignIn}</button></div>
          ${this.socialButtons()} ${this.backButton()}`;
      case 'forgot':
        return html`<h2>${t.forgotTitle}</h2>
          <form novalidate @submit=${this.submit}>
            ${this.field('email', t.email, 'email', 'email')} ${formError}
            <button class="primary" ?disabled=${this.busy}>${t.sendResetLink}</button>
          </form>
          <div class="row"><button class="link" type="button" @click=${() => this.switchTo('sign-in')}>${t.toSignIn}</button></div>`;
      case 'forgot-sent':
        return html`<h2>${t.forgotTitle}</h2>
          <p role="status">${format(t.checkEmail, { email: this.email })}</p>
          <button class="link" type="button" @click=${() => this.switchTo('sign-in')}>${t.toSignIn}</button>`;
      case 'verify-email':
        return html`<h2>${t.verifyTitle}</h2>
          <p>${format(t.verifySent, { email: this.email })}</p>
          ${this.resent ? html`<p role="status">${t.verifyResent}</p>` : nothing} ${formError}
          <div class="row">
            <button type="button" ?disabled=${this.busy} @click=${this.resendVerification}>${t.verifyResend}</button>
            <button class="link" type="button" @click=${() => this.switchTo('sign-in')}>${t.verifyToSignIn}</button>
          </div>`;
      case 'reset':
        return html`<h2>${t.resetTitle}</h2>
          <form novalidate @submit=${this.submit}>
            ${this.field('password', t.newPassword, 'password', 'new-password', t.passwordLength)} ${formError}
            <button class="primary" ?disabled=${this.busy}>${t.setNewPassword}</button>
          </form>
          <div class="row"><button class="link" type="button" @click=${() => this.switchTo('sign-in')}>${t.toSignIn}</button></div>`;
      default:
        if (!this.passwordAllowed) return html`<h2>${t.signInTitle}</h2> ${notice} ${formError} ${this.socialButtons()} ${this.backButton()}`;
        return html`<h2>${t.signInTitle}</h2>
          ${notice}
          <form novalidate @submit=${this.submit}>
            ${this.field('email', t.email, 'email', 'username')} ${this.field('password', t.password, 'password', 'current-password')} ${formError}
            <button class="primary" ?disabled=${this.busy}>${t.signIn}</button>
          </form>
          <div class="row">
            <button class="link" type="button" @click=${() => this.switchTo('forgot')}>${t.forgotPassword}</button>
            <button class="link" type="button" @click=${() => this.switchTo('sign-up')}>${t.toSignUp}</button>
          </div>
          ${this.socialButtons()} ${this.backButton()}`;
    }
  }

  private field(name: Field, label: string, type: string, autocomplete: string, hint?: string): TemplateResult {
    const error = this.errors[name];
    const maxlength = MAX_LENGTH[name];
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input
        id=${name}
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        required
        maxlength=${ifDefined(maxlength)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${name}-hint ${name}-error"
        ?disabled=${this.busy}
      />
      ${hint ? html`<p class="hint muted" id="${name}-hint">${hint}</p>` : nothing}
      <span class="error" id="${name}-error">${error ?? ''}</span>
    </div>`;
  }

  private backButton() {
    if (!this.backLabel) return nothing;
    return html`<div class="row"><button class="link" type="button" @click=${() => this.dispatchEvent(new Event('back'))}>${this.backLabel}</button></div>`;
  }

  private socialButtons() {
    if (!this.providers.length) return nothing;
    return html`<div class="providers">
      ${this.passwordAllowed ? html`<p class="or muted">${this.t.or}</p>` : nothing}
      ${this.providers.map(
        (provider) =>
          html`<button type="button" ?disabled=${this.busy} @click=${() => this.socialSignIn(provider.id)}>
            ${format(this.t.continueWith, { provider: provider.name })}
          </button>`,
      )}
    </div>`;
  }

  private switchTo(mode: AuthMode): void {
    this.mode = mode;
    this.errors = {};
    this.formError = '';
    void this.updateComplete.then(() => this.focusFirst());
  }

  /** Client-side checks, in the order of the fields; returns the values when they pass. */
  private validate(form: HTMLFormElement): Record<Field, string> | null {
    const t = this.t;
    const values = Object.fromEntries(new FormData(form)) as Record<Field, string>;
    const errors: Partial<Record<Field, string>> = {};
    if ('name' in values && !values.name.trim()) errors.name = t.required;
    if ('email' in values) errors.email = !values.email.trim() ? t.required : EMAIL.test(values.email.trim()) ? undefined : t.invalidEmail;
    if ('password' in values) {
      const length = values.password.length;
      if (!length) errors.password = t.required;
      else if (this.mode !== 'sign-in' && (length < 8 || length > 128)) errors.password = t.passwordLength;
    }
    const invalid = (Object.keys(errors) as Field[]).filter((key) => errors[key]);
    this.errors = errors;
    if (invalid.length) {
      void this.updateComplete.then(() => this.shadowRoot!.querySelector<HTMLElement>(`[name=${invalid[0]}]`)?.focus());
      return null;
    }
    return values;
  }

  private submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const values = this.validate(event.target as HTMLFormElement);
    if (!values || this.busy) return;
    this.busy = true;
    this.formError = '';
    const email = values.email?.trim();
    try {
      if (this.mode === 'sign-in') this.signedIn(await this.auth.signIn(email, values.password), 'email');
      else if (this.mode === 'sign-up') {
        const user = await this.auth.signUp(values.name.trim(), email, values.password, thisPage());
        if (user) this.signedIn(user, 'sign-up');
        else this.showVerifyEmail(email);
      }
      else if (this.mode === 'forgot') {
        await this.auth.requestPasswordReset(email, resetRedirectUrl());
        this.email = email;
        this.mode = 'forgot-sent';
      } else if (this.mode === 'reset') {
        await this.auth.resetPassword(this.resetToken ?? '', values.password);
        this.dispatchEvent(new Event('reset-done'));
        this.switchTo('sign-in');
        this.ownNotice = this.t.passwordChanged;
      }
    } catch (error) {
      const apiError = reportError(this, error);
      if (apiError.code === 'EMAIL_NOT_VERIFIED' && this.mode === 'sign-in') {
        this.showVerifyEmail(email);
        return;
      }
      this.formError =
        apiError.status === 401 && this.mode === 'sign-in'
          ? this.t.errorCredentials
          : apiError.status === 429
            ? format(this.t.errorTooManyAttempts, { seconds: apiError.retryAfter ?? 30 })
            : apiError.code === 'NETWORK' || apiError.status >= 500
              ? errorText(this.t, apiError)
              : apiError.message || errorText(this.t, apiError);
    } finally {
      this.busy = false;
    }
  };

  private showVerifyEmail(email: string): void {
    this.email = email;
    this.resent = false;
    this.switchTo('verify-email');
  }

  private resendVerification = async () => {
    if (this.busy) return;
    this.busy = true;
    this.formError = '';
    this.resent = false;
    try {
      await this.auth.resendVerification(this.email, thisPage());
      this.resent = true;
    } catch (error) {
      this.formError = errorText(this.t, reportError(this, error));
    } finally {
      this.busy = false;
    }
  };

  private async socialSignIn(provider: string): Promise<void> {
    this.formError = '';
    // The popup must open within the click, or the browser blocks it: signInWithPopup opens it at once.
    const outcome = await signInWithPopup(this.server, provider);
    if ('error' in outcome) {
      if (outcome.error !== 'POPUP_CLOSED') this.formError = this.t.errorPopup;
      return;
    }
    this.busy = true;
    try {
      this.signedIn(await this.auth.adoptSession(outcome.token), 'social');
    } catch (error) {
      this.formError = errorText(this.t, reportError(this, error));
    } finally {
      this.busy = false;
    }
  }

  private signedIn(user: unknown, method: 'email' | 'sign-up' | 'social'): void {
    this.dispatchEvent(new CustomEvent('signed-in', { detail: { user, method } }));
  }
}
