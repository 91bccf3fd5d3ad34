import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { format, type Strings } from '../../i18n/index.js';
import type { ApiClient } from '../../services/api-client.js';
import { ApiError } from '../../services/api-error.js';
import type { Conversation, Message, RunEvent } from '../../services/api-types.js';
import { loadMarkdown } from '../../markdown/lazy-markdown.js';
import { controls } from '../../styles/theme.js';
import { errorText, reportError } from '../base/report-error.js';
import { WidgetElement } from '../base/widget-element.js';
import { conversationStyles } from './conversation-view.styles.js';
import { messageItem } from './message-item.js';

/** A message the user sent, kept until it is answered so a retry sends exactly the same thing. */
interface Outgoing {
  text: string;
  clientMessageId: string;
}

/** Pixels from the top of the log at which older messages load. */
const LOAD_OLDER_THRESHOLD = 48;

/**
 * One conversation: the message log (streamed answers, sources, older pages on scroll-up) and the
 * composer. Fires (internal) `conversation-changed` when a first message created the conversation,
 * `conversation-gone` when the conversation to show no longer exists.
 */
export class ConversationView extends WidgetElement {
  static override styles = [controls, conversationStyles];

  @property({ attribute: false }) api!: ApiClient;
  @property({ attribute: false }) t!: Strings;
  /** null: a new conversation, created by the first message. */
  @property({ attribute: false }) conversationId: string | null = null;
  @property({ attribute: false }) greeting = '';
  @property({ attribute: false }) maxLength = 8000;

  @state() private messages: Message[] = [];
  @state() private olderCursor: string | null = null;
  @state() private loading = false;
  @state() private draft = '';
  @state() private error: { error: ApiError; retry?: Outgoing } | null = null;
  @state() private announcement = '';
  @state() private streaming = false;

  @query('.log') private log!: HTMLElement;
  @query('textarea') private textarea!: HTMLTextAreaElement;

  private loadedId: string | null = null;
  private abort: AbortController | null = null;
  private conversation: Conversation | null = null;
  /** Bumped on every switch, so a late response for a previous conversation is ignored. */
  private generation = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // Answers render as plain text until the Markdown chunk arrives, then re-render. If it cannot
    // load (offline), they stay plain text, which is safe.
    loadMarkdown().then(
      () => this.requestUpdate(),
      () => undefined,
    );
  }

  async focusComposer(): Promise<void> {
    await this.updateComplete;
    this.textarea?.focus();
  }

  /** Aborts whatever is streaming (the server keeps the partial answer). */
  stop(): void {
    this.abort?.abort();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('conversationId') && this.conversationId !== this.loadedId) void this.load(this.conversationId);
  }

  // A draft put back after a failed send (or cleared after a sent one) resizes the composer too.
  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('draft')) this.autoGrow();
  }

  private async load(id: string | null): Promise<void> {
    this.stop();
    const generation = ++this.generation;
    this.loadedId = id;
    this.messages = [];
    this.olderCursor = null;
    this.error = null;
    this.conversation = null;
    if (!id) return;
    this.loading = true;
    try {
      const page = await this.api.getConversation(id);
      if (generation !== this.generation) return;
      this.conversation = page.conversation;
      this.messages = page.messages;
      this.olderCursor = page.nextCursor;
      await this.updateComplete;
      // A reopened conversation shows its newest message.
      this.log.scrollTop = this.log.scrollHeight;
    } catch (error) {
      if (generation !== this.generation) return;
      const apiError = reportError(this, error);
      // Deleted elsewhere (another tab, another device): start afresh rather than offer a retry that cannot work.
      if (apiError.status === 404) this.dispatchEvent(new CustomEvent('conversation-gone'));
      else this.error = { error: apiError };
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private async loadOlder(): Promise<void> {
    if (!this.olderCursor || this.loading || !this.loadedId) return;
    const generation = this.generation;
    this.loading = true;
    try {
      const page = await this.api.getConversation(this.loadedId, this.olderCursor);
      if (generation !== this.generation) return;
      // Keep what the user was reading in place while the older page appears above it.
      const fromBottom = this.log.scrollHeight - this.log.scrollTop;
      this.messages = [...page.messages, ...this.messages];
      this.olderCursor = page.nextCursor;
      await this.updateComplete;
      this.log.scrollTop = this.log.scrollHeight - fromBottom;
    } catch (error) {
      if (generation === this.generation) this.error = { error: reportError(this, error) };
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  override render() {
    const t = this.t;
    const remaining = this.maxLength - this.draft.length;
    const showCounter = remaining < Math.min(200, this.maxLength * 0.1);
    const empty = !this.messages.length && !this.loading && !this.loadedId;
    return html`
      <div class="log" role="log" aria-live="polite" aria-busy=${this.streaming || this.loading ? 'true' : 'false'} aria-label=${t.messages} tabindex="0" @scroll=${this.onScroll}>
        <ol class="messages">
        ${this.olderCursor ? html`<li class="older"><button class="link" ?disabled=${this.loading} @click=${this.loadOlder}>${t.loadOlder}</button></li>` : nothing}
        ${this.loading && !this.messages.length ? html`<li class="muted" role="status">${t.loading}</li>` : nothing}
        ${empty ? html`<li class="message assistant"><div class="bubble">${this.greeting}</div></li>` : nothing}
        ${repeat(this.messages, (m) => m.id, (m) => messageItem(m, t))}
        </ol>
      </div>
      <p class="sr-only" role="status">${this.announcement}</p>
      ${this.error
        ? html`<div class="alert" role="alert">
            <span class="error">${errorText(t, this.error.error)}</span>
            ${this.error.retry || this.error.error.status !== 401 ? html`<button @click=${this.retry}>${t.retry}</button>` : nothing}
          </div>`
        : nothing}
      <form @submit=${this.onSubmit}>
        <textarea
          rows="1"
          aria-label=${t.message}
          placeholder=${t.placeholder}
          aria-describedby="counter"
          aria-invalid=${remaining < 0 ? 'true' : 'false'}
          .value=${this.draft}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
        ></textarea>
        ${this.streaming
          ? html`<button type="button" class="primary" @click=${this.stop}>${t.stop}</button>`
          : html`<button class="primary" ?disabled=${!this.draft.trim() || remaining < 0}>${t.send}</button>`}
        <p id="counter" class="counter ${remaining < 0 ? 'error' : 'muted'}" ?hidden=${!showCounter}>
          ${remaining < 0 ? format(t.tooLong, { count: -remaining }) : format(t.charactersLeft, { count: remaining })}
        </p>
      </form>
    `;
  }

  private onScroll = () => {
    if (this.log.scrollTop < LOAD_OLDER_THRESHOLD) void this.loadOlder();
  };

  private onInput = (event: InputEvent) => {
    const textarea = event.target as HTMLTextAreaElement;
    this.draft = textarea.value;
  };

  /** Grows the composer with its text (CSSOM, which a strict CSP allows, unlike style attributes). */
  private autoGrow(): void {
    const textarea = this.textarea;
    if (!textarea) return;
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight + 2, 160)}px`;
  }

  private onKeydown = (event: KeyboardEvent) => {
    // Enter sends, Shift+Enter is a new line; never while an IME is composing a character.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submitDraft();
    }
  };

  private onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    this.submitDraft();
  };

  private submitDraft(): void {
    const text = this.draft.trim();
    if (!text || this.streaming || text.length > this.maxLength) return;
    this.draft = '';
    void this.updateComplete.then(() => this.autoGrow());
    void this.send({ text, clientMessageId: crypto.randomUUID() });
  }

  private retry = () => {
    const retry = this.error?.retry;
    this.error = null;
    if (!retry) {
      void this.load(this.loadedId);
      return;
    }
    // The draft was put back when the message never reached the server; it is being sent now.
    if (this.draft.trim() === retry.text) this.draft = '';
    void this.send(retry);
  };

  private async send(outgoing: Outgoing): Promise<void> {
    const generation = this.generation;
    const abort = (this.abort = new AbortController());
    this.error = null;
    this.announcement = '';
    this.streaming = true;
    const localUserId = `local-${outgoing.clientMessageId}`;
    const localAnswerId = `pending-${outgoing.clientMessageId}`;
    let answerId = localAnswerId;
    let stored = this.messages.some((m) => m.clientMessageId === outgoing.clientMessageId && !m.id.startsWith('local-'));
    let finished = false;
    const now = new Date().toISOString();
    const base = { conversationId: this.loadedId ?? '', sources: [], errorCode: null, createdAt: now };
    // A retry replaces the failed answer; the user's message stays as it is.
    const last = this.messages.at(-1);
    const kept = last?.role === 'assistant' && last.status === 'error' ? this.messages.slice(0, -1) : this.messages;
    this.messages = [
      ...kept,
      ...(stored ? [] : [{ ...base, id: localUserId, role: 'user' as const, content: outgoing.text, status: 'complete' as const, clientMessageId: outgoing.clientMessageId }]),
      { ...base, id: localAnswerId, role: 'assistant', content: '', status: 'streaming', clientMessageId: null },
    ];
    void this.scrollToEnd(true);
    const patchAnswer = (patch: (m: Message) => Partial<Message>) => {
      this.messages = this.messages.map((m) => (m.id === answerId ? { ...m, ...patch(m) } : m));
    };
    const onEvent = (event: RunEvent) => {
      if (generation !== this.generation) return;
      switch (event.type) {
        case 'conversation':
          stored = true;
          answerId = event.assistantMessageId;
          this.messages = this.messages.map((m) => (m.id === localUserId ? event.userMessage : m.id === localAnswerId ? { ...m, id: answerId } : m));
          this.conversation = event.conversation;
          if (this.loadedId !== event.conversation.id) {
            this.loadedId = event.conversation.id;
            this.conversationId = event.conversation.id;
            this.dispatchEvent(new CustomEvent('conversation-changed', { detail: event.conversation }));
          }
          this.emit('chat-widget:message-sent', { conversation: event.conversation, message: event.userMessage });
          break;
        case 'delta':
          patchAnswer((m) => ({ content: m.content + event.text }));
          break;
        case 'sources':
          patchAnswer(() => ({ sources: event.sources }));
          break;
        case 'done':
          finished = true;
          patchAnswer(() => event.message);
          this.announcement = this.t.answerReceived;
          this.emit('chat-widget:answer-received', { conversation: this.conversation, message: event.message });
          break;
        case 'error':
          finished = true;
          patchAnswer(() => ({ status: 'error', errorCode: event.code }));
          this.error = { error: reportError(this, new ApiError(502, event.code, event.message)), retry: outgoing };
          break;
      }
      void this.scrollToEnd(false);
    };
    try {
      await this.api.send({ message: outgoing.text, conversationId: this.loadedId ?? undefined, clientMessageId: outgoing.clientMessageId }, onEvent, abort.signal);
      // The stream ended without a verdict: the connection dropped mid-answer.
      if (!finished && !abort.signal.aborted) throw new ApiError(0, 'NETWORK', 'The answer was cut off');
    } catch (error) {
      if (generation !== this.generation) return;
      if (abort.signal.aborted) {
        patchAnswer(() => ({ status: 'interrupted' }));
      } else if (stored) {
        patchAnswer(() => ({ status: 'error' }));
        this.error = { error: reportError(this, error), retry: outgoing };
      } else {
        // Nothing reached the server: take the message back into the composer, unless the user typed anew.
        this.messages = this.messages.filter((m) => m.id !== localUserId && m.id !== localAnswerId);
        if (!this.draft.trim()) this.draft = outgoing.text;
        this.error = { error: reportError(this, error), retry: outgoing };
      }
    } finally {
      if (this.abort === abort) {
        this.abort = null;
        this.streaming = false;
      }
    }
  }

  /** Follows the answer while the user is at the bottom; `force` after they sent something. */
  private async scrollToEnd(force: boolean): Promise<void> {
    const log = this.log;
    if (!log) return;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    await this.updateComplete;
    if (force || atBottom) log.scrollTop = log.scrollHeight;
  }
}
