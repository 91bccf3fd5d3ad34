import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Schemas } from './console-api.js';
import { tokens } from './console.styles.js';

/** A conversation, read-only, in a modal dialog (the view is already in the audit log when it opens). */
@customElement('console-conversation')
export class ConversationDialog extends LitElement {
  static override styles = [
    tokens,
    css`
      dialog {
        width: min(760px, 92vw);
        max-height: 85vh;
        border: 1px solid var(--console-border);
        border-radius: 10px;
        background: var(--console-surface);
        color: var(--console-text);
        padding: 0;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 45%);
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        padding: 14px 16px;
        border-bottom: 1px solid var(--console-border);
        position: sticky;
        top: 0;
        background: var(--console-surface);
      }
      h2 {
        margin: 0;
        font-size: 17px;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 12px 16px;
        display: grid;
        gap: 10px;
      }
      li {
        border-radius: 8px;
        padding: 8px 12px;
        border: 1px solid var(--console-border);
      }
      .content {
        white-space: pre-wrap;
        margin: 4px 0;
      }
      li.user {
        background: var(--console-bg);
      }
      .meta {
        font-size: 12px;
        color: var(--console-muted);
      }
      .rating-down {
        color: var(--console-danger);
        font-weight: 600;
      }
      ul.sources {
        margin: 6px 0 0;
        padding-left: 18px;
      }
      ul.sources li {
        border: 0;
        padding: 0;
      }
    `,
  ];

  @property({ attribute: false }) conversation: Schemas['ConsoleConversationDto'] | undefined;
  @query('dialog') private dialog!: HTMLDialogElement;

  show(): void {
    this.dialog.showModal();
  }

  override render() {
    const c = this.conversation;
    return html`
      <dialog aria-labelledby="conversation-title" @close=${() => this.dispatchEvent(new CustomEvent('console-close'))}>
        ${c
          ? html`
              <header>
                <div>
                  <h2 id="conversation-title">${c.title}</h2>
                  <div class="meta">
                    Started ${formatTime(c.createdAt)} · read-only${c.asker ? ` · asked by ${c.asker.name ?? ''} <${c.asker.email ?? ''}>` : ''}
                  </div>
                </div>
                <button type="button" @click=${() => this.dialog.close()}>Close</button>
              </header>
              <ol>
                ${c.messages.map(
                  (m) => html`<li class=${m.role}>
                    <div class="meta">${m.role === 'user' ? 'Visitor' : 'Agent'} · ${formatTime(m.createdAt)}${m.status === 'complete' ? '' : ` · ${m.status}`}</div>
                    <div class="content">${m.content}</div>
                    ${m.sources.length
                      ? html`<ul class="sources" aria-label="Sources">
                          ${m.sources.map((s) => html`<li>${s.title} ${s.cited ? '(cited)' : '(related)'}${s.score === null ? '' : ` · score ${s.score}`}</li>`)}
                        </ul>`
                      : nothing}
                    ${m.rating
                      ? html`<div class="meta ${m.rating === 'down' ? 'rating-down' : ''}">
                          Rated ${m.rating === 'down' ? 'down' : 'up'}${m.reason ? ` (${m.reason})` : ''}${m.comment ? `: “${m.comment}”` : ''}
                        </div>`
                      : nothing}
                  </li>`,
                )}
              </ol>
            `
          : nothing}
      </dialog>
    `;
  }
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
