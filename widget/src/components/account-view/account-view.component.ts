import { consume } from '@lit/context';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { WidgetUser } from '../../events.js';
import { format, type Strings } from '../../i18n/index.js';
import type { ApiClient } from '../../services/api-client.js';
import type { ApiError } from '../../services/api-error.js';
import { controls } from '../../styles/theme.js';
import { apiContext, stringsContext } from '../base/contexts.js';
import { errorText, reportError } from '../base/report-error.js';
import { WidgetElement } from '../base/widget-element.js';

/**
 * The signed-in user's account: download everything stored about them, or delete the account and
 * all its data after a confirmation step. Fires (internal) `account-deleted` once the server has
 * deleted it, and `back` to return to the chat.
 */
export class AccountView extends WidgetElement {
  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; gap: 12px; padding: 16px; overflow: auto; }
      h3 { margin: 0; font-size: 1rem; }
      .confirm p { margin: 0; }
      .confirm { display: flex; flex-direction: column; gap: 8px; padding: 12px; border: 1px solid var(--_danger); border-radius: 8px; }
      .danger { color: var(--_danger); }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api!: ApiClient;
  @consume({ context: stringsContext, subscribe: true }) @state() private t!: Strings;
  @property({ attribute: false }) user: WidgetUser | null = null;

  @state() private confirming = false;
  @state() private busy = false;
  @state() private error: ApiError | null = null;

  focusFirst(): void {
    this.shadowRoot?.querySelector<HTMLElement>('button')?.focus();
  }

  override render() {
    const t = this.t;
    return html`
      <h3>${t.accountTitle}</h3>
      ${this.user ? html`<p class="muted">${format(t.signedInAs, { name: this.user.name || this.user.email })}</p>` : nothing}
      <button @click=${this.download} ?disabled=${this.busy}>${t.exportData}</button>
      ${this.confirming
        ? html`<div class="confirm" role="alertdialog" aria-labelledby="warning" @keydown=${this.cancelOnEscape}>
            <p id="warning">${t.deleteAccountWarning}</p>
            <button class="primary" @click=${this.deleteAccount} ?disabled=${this.busy}>${t.deleteAccountConfirm}</button>
            <button @click=${this.cancel} ?disabled=${this.busy}>${t.cancel}</button>
          </div>`
        : html`<button class="danger" @click=${this.startDeleting}>${t.deleteAccount}</button>`}
      ${this.error ? html`<p class="error" role="alert">${errorText(t, this.error)}</p>` : nothing}
      <button @click=${() => this.dispatchEvent(new Event('back'))}>${t.backToChat}</button>
    `;
  }

  private download = async () => {
    await this.run(async () => {
      const file = await this.api.exportAccount();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(file);
      link.download = `chat-data-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    });
  };

  private startDeleting = async () => {
    this.confirming = true;
    await this.updateComplete;
    // The safe choice first: Enter on the warning does not delete anything.
    this.shadowRoot?.querySelector<HTMLElement>('.confirm button:last-of-type')?.focus();
  };

  private cancel = async () => {
    this.confirming = false;
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('button.danger')?.focus();
  };

  private cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Escape leaves the confirmation, not the whole chat.
    event.preventDefault();
    event.stopPropagation();
    void this.cancel();
  };

  private deleteAccount = async () => {
    await this.run(async () => {
      await this.api.deleteAccount();
      this.dispatchEvent(new Event('account-deleted'));
    });
  };

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = reportError(this, error);
    } finally {
      this.busy = false;
    }
  }
}
