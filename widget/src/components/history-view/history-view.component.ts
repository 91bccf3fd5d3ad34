import { consume } from '@lit/context';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { format, type Strings } from '../../i18n/index.js';
import type { ApiClient } from '../../services/api-client.js';
import type { ApiError } from '../../services/api-error.js';
import type { ConversationPage, Snippet } from '../../services/api-types.js';
import { controls } from '../../styles/theme.js';
import { errorText, reportError } from '../base/report-error.js';
import { WidgetElement } from '../base/widget-element.js';
import { apiContext, stringsContext } from '../base/contexts.js';
import { historyStyles } from './history-view.styles.js';

type Item = ConversationPage['items'][number];

const SEARCH_DEBOUNCE_MS = 250;

/**
 * The user's conversations, newest activity first: search (server-side, highlighted snippets),
 * infinite scroll with a "Load more" fallback, rename and delete with confirmation.
 * Fires (internal) `select` with an id, `deleted` with an id.
 */
export class HistoryView extends WidgetElement {
  static override styles = [controls, historyStyles];

  @consume({ context: apiContext, subscribe: true }) @state() private api!: ApiClient;
  @consume({ context: stringsContext, subscribe: true }) @state() private t!: Strings;
  /** The conversation shown beside the list. */
  @property({ attribute: false }) current: string | null = null;

  @state() private items: Item[] = [];
  @state() private cursor: string | null = null;
  @state() private query = '';
  /** True until the first page arrives, so "no conversations" never shows before we know. */
  @state() private loading = true;
  @state() private error: ApiError | null = null;
  @state() private renaming: string | null = null;
  @state() private confirming: string | null = null;

  private debounce?: ReturnType<typeof setTimeout>;
  /** Deleted here; a page that was already on its way may still list them. */
  private readonly deleted = new Set<string>();
  private generation = 0;

  /** Reloads the first page (after a new message moved a conversation to the top, for instance). */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    this.error = null;
    try {
      const page = await this.api.listConversations({ q: this.query.trim() || undefined });
      if (generation !== this.generation) return;
      this.items = page.items.filter((item) => !this.deleted.has(item.id));
      this.cursor = page.nextCursor;
    } catch (error) {
      if (generation === this.generation) this.error = reportError(this, error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  focusSearch(): void {
    this.shadowRoot?.querySelector('input')?.focus();
  }

  private async loadMore(): Promise<void> {
    if (!this.cursor || this.loading) return;
    const generation = this.generation;
    this.loading = true;
    try {
      const page = await this.api.listConversations({ q: this.query.trim() || undefined, cursor: this.cursor });
      if (generation !== this.generation) return;
      const known = new Set(this.items.map((item) => item.id));
      this.items = [...this.items, ...page.items.filter((item) => !known.has(item.id) && !this.deleted.has(item.id))];
      this.cursor = page.nextCursor;
    } catch (error) {
      if (generation === this.generation) this.error = reportError(this, error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  override render() {
    const t = this.t;
    return html`
      <div class="search">
        <input type="search" aria-label=${t.searchConversations} placeholder=${t.searchConversations} .value=${this.query} @input=${this.onSearch} />
      </div>
      <ul aria-label=${t.conversations} aria-busy=${this.loading ? 'true' : 'false'} @scroll=${this.onScroll}>
        ${repeat(this.items, (item) => item.id, (item) => this.row(item))}
      </ul>
      <div class="footer">
        ${this.error
          ? html`<p class="error" role="alert">${errorText(t, this.error)}</p>
              <button @click=${() => (this.items.length ? this.loadMore() : this.refresh())}>${t.retry}</button>`
          : this.loading
            ? html`<p class="muted" role="status">${t.loading}</p>`
            : this.cursor
              ? html`<button @click=${this.loadMore}>${t.loadMore}</button>`
              : !this.items.length
                ? html`<p class="muted" role="status">${this.query.trim() ? t.noResults : t.noConversations}</p>`
                : nothing}
      </div>
    `;
  }

  private row(item: Item) {
    const t = this.t;
    const title = item.title || t.untitled;
    if (this.renaming === item.id) {
      return html`<li>
        <form @submit=${(event: SubmitEvent) => this.rename(event, item)} @keydown=${this.cancelOnEscape}>
          <input name="title" aria-label=${t.conversationTitle} maxlength="200" .value=${item.title} required />
          <button class="primary">${t.save}</button>
          <button type="button" @click=${this.cancel}>${t.cancel}</button>
        </form>
      </li>`;
    }
    if (this.confirming === item.id) {
      const question = format(t.confirmDelete, { title });
      return html`<li>
        <div class="confirm" role="alertdialog" aria-label=${question} @keydown=${this.cancelOnEscape}>
          <p>${question}</p>
          <button class="primary" @click=${() => this.deleteConversation(item)}>${t.deleteConfirm}</button>
          <button @click=${this.cancel}>${t.cancel}</button>
        </div>
      </li>`;
    }
    // The button's text is the title, its name (a name must contain all of the visible label:
    // WCAG 2.5.3); the match and the date describe it. The button covers the whole entry (::after).
    return html`<li>
      <div class="entry" ?data-current=${item.id === this.current}>
        <button class="open title" aria-current=${item.id === this.current ? 'true' : 'false'} aria-describedby="s-${item.id} d-${item.id}" @click=${() => this.select(item.id)}>${title}</button>
        ${item.snippet ? html`<span class="snippet muted" id="s-${item.id}">${highlighted(item.snippet)}</span>` : nothing}
        <span class="date muted" id="d-${item.id}">${new Date(item.lastMessageAt).toLocaleString()}</span>
      </div>
      <button class="icon" aria-label=${format(t.rename, { title })} @click=${() => this.startEditing('renaming', item.id)}>${pencil}</button>
      <button class="icon" aria-label=${format(t.delete, { title })} @click=${() => this.startEditing('confirming', item.id)}>${bin}</button>
    </li>`;
  }

  private select(id: string): void {
    this.dispatchEvent(new CustomEvent('select', { detail: id }));
  }

  private startEditing(kind: 'renaming' | 'confirming', id: string): void {
    this.renaming = kind === 'renaming' ? id : null;
    this.confirming = kind === 'confirming' ? id : null;
    void this.updateComplete.then(() => this.shadowRoot!.querySelector<HTMLElement>(kind === 'renaming' ? 'form input' : '.confirm button:last-of-type')?.focus());
  }

  private cancel = () => {
    const id = this.renaming ?? this.confirming;
    this.renaming = this.confirming = null;
    void this.updateComplete.then(() => this.focusRowOf(id));
  };

  private cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Escape leaves the edit, not the whole chat.
    event.preventDefault();
    this.cancel();
  };

  private focusRowOf(id: string | null): void {
    const index = this.items.findIndex((item) => item.id === id);
    this.shadowRoot!.querySelectorAll<HTMLElement>('.open')[index]?.focus();
  }

  private async rename(event: SubmitEvent, item: Item): Promise<void> {
    event.preventDefault();
    const title = new FormData(event.target as HTMLFormElement).get('title')!.toString().trim();
    if (!title || title === item.title) return this.cancel();
    try {
      const renamed = await this.api.renameConversation(item.id, title);
      this.items = this.items.map((i) => (i.id === item.id ? { ...i, ...renamed } : i));
      this.cancel();
    } catch (error) {
      this.error = reportError(this, error);
    }
  }

  private async deleteConversation(item: Item): Promise<void> {
    try {
      await this.api.deleteConversation(item.id);
      this.deleted.add(item.id);
      const index = this.items.findIndex((i) => i.id === item.id);
      this.items = this.items.filter((i) => i.id !== item.id);
      this.confirming = null;
      this.dispatchEvent(new CustomEvent('deleted', { detail: item.id }));
      await this.updateComplete;
      (this.shadowRoot!.querySelectorAll<HTMLElement>('.open')[Math.min(index, this.items.length - 1)] ?? this.shadowRoot!.querySelector('input'))?.focus();
    } catch (error) {
      this.error = reportError(this, error);
    }
  }

  private onSearch = (event: InputEvent) => {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), SEARCH_DEBOUNCE_MS);
  };

  private onScroll = (event: Event) => {
    const list = event.target as HTMLElement;
    if (list.scrollHeight - list.scrollTop - list.clientHeight < 60) void this.loadMore();
  };
}

/** The snippet as text with <mark>ed matches; the ranges come from the server, the text is never parsed as HTML. */
function highlighted(snippet: Snippet) {
  const parts = [];
  let at = 0;
  for (const { start, end } of [...snippet.highlights].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    parts.push(snippet.text.slice(at, start), html`<mark>${snippet.text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(snippet.text.slice(at));
  return parts;
}

const pencil = html`<svg width="16" height="16" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M3 17.25V21h3.75L17.8 9.94l-3.75-3.75L3 17.25zM20.7 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z"/></svg>`;
const bin = html`<svg width="16" height="16" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z"/></svg>`;
