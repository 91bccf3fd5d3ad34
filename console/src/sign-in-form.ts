import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { tokens } from './console.styles.js';

export interface SignInDetail {
  email: string;
  password: string;
}

/** Email and password; fires `console-sign-in` with them. The parent reports failures through `error`. */
@customElement('console-sign-in')
export class SignInForm extends LitElement {
  static override styles = [
    tokens,
    css`
      form {
        display: grid;
        gap: 12px;
        max-width: 340px;
        margin: 10vh auto;
        background: var(--console-surface);
        border: 1px solid var(--console-border);
        border-radius: 10px;
        padding: 24px;
      }
      h1 {
        font-size: 20px;
        margin: 0;
      }
      label {
        display: grid;
        gap: 4px;
      }
      .error {
        color: var(--console-danger);
        min-height: 1.4em;
        margin: 0;
      }
    `,
  ];

  @property() error = '';
  @state() private busy = false;

  /** Lets the parent re-enable the form after a failed attempt. */
  done(): void {
    this.busy = false;
  }

  override render() {
    return html`
      <form @submit=${this.submit} aria-describedby="sign-in-error">
        <h1>Chat console</h1>
        <p class="muted">For site administrators. Sign in with your chat account.</p>
        <label>Email <input name="email" type="email" autocomplete="username" required /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required minlength="8" /></label>
        <p id="sign-in-error" class="error" role="alert">${this.error}</p>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    `;
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    const detail: SignInDetail = { email: String(data.get('email')), password: String(data.get('password')) };
    this.dispatchEvent(new CustomEvent<SignInDetail>('console-sign-in', { detail, bubbles: true, composed: true }));
  }
}
