import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { tokens } from './console.styles.js';

/**
 * One panel of the console: a titled frame with its CSV export, and its loading or error state
 * announced to screen readers. The content is slotted; the host is the landmark (role region,
 * named by its heading), so the slotted content sits inside it in the accessibility tree.
 */
@customElement('console-panel')
export class ConsolePanel extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      section {
        background: var(--console-surface);
        border: 1px solid var(--console-border);
        border-radius: 10px;
        padding: 14px 16px;
        height: 100%;
        box-sizing: border-box;
      }
      header {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 12px;
      }
      h2 {
        font-size: 16px;
        margin: 0 0 4px;
      }
      p.description {
        margin: 0 0 10px;
        color: var(--console-muted);
      }
      .error {
        color: var(--console-danger);
      }
    `,
  ];

  @property() heading = '';
  @property() description = '';
  @property() state: 'loading' | 'ready' | 'error' = 'loading';
  @property() error = '';
  /** Hides the CSV button (panels without a list). */
  @property({ type: Boolean, attribute: 'no-export' }) noExport = false;

  override updated(): void {
    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', this.heading);
    this.setAttribute('aria-busy', String(this.state === 'loading'));
  }

  override render() {
    return html`
      <section>
        <header>
          <h2>${this.heading}</h2>
          ${this.noExport
            ? nothing
            : html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent('console-export', { bubbles: true, composed: true }))} aria-label=${`Export ${this.heading} as CSV`}>
                CSV
              </button>`}
        </header>
        ${this.description ? html`<p class="description">${this.description}</p>` : nothing}
        <div role="status" class=${this.state === 'error' ? 'error' : 'muted'}>
          ${this.state === 'loading' ? 'Loading…' : this.state === 'error' ? this.error : nothing}
        </div>
        ${this.state === 'ready' ? html`<slot></slot>` : nothing}
      </section>
    `;
  }
}
