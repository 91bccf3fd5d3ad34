import { consume } from '@lit/context';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { ChatRunController } from '../../controllers/chat-run-controller.js';
import { FeedbackController } from '../../controllers/feedback-controller.js';
import { OutboxController, type OutboxPlace } from '../../controllers/outbox-controller.js';
import { format, type Strings } from '../../i18n/index.js';
import { loadMarkdown } from '../../markdown/lazy-markdown.js';
import type { ApiClient } from '../../services/api-client.js';
import { ApiError } from '../../services/api-error.js';
import type { PageContext } from '../../services/api-types.js';
import type { Conversation, Message } from '../../services/api-types.js';
import type { RunAnnouncement } from '../../services/tab-channel.js';
import { controls } from '../../styles/theme.js';
import { apiContext, stringsContext } from '../base/contexts.js';
import { reportError } from '../base/report-error.js';
import { WidgetElement } from '../base/widget-element.js';
import { citationFeedbackStyles } from './citation-feedback.styles.js';
import { CitationPopover, sourceQuote } from './citation-popover.js';
import { conversationStyles } from './conversation-view.styles.js';
import { messageItem, queuedItem } from './message-item.js';

/** A stopped or interrupted answer at the end of the log can be continued. */
const resumable = (last: Message | undefined, streaming: boolean) => !streaming && !!last?.runId && (last.status === 'stopped' || last.status === 'interrupted');

/** Pixels from the top of the log at which older messages load. */
const LOAD_OLDER_THRESHOLD = 48;
/** Within this many pixels of the bottom, the log follows a streaming answer. */
const FOLLOW_THRESHOLD = 80;

/**
 * One conversation: the message log (streamed answers, sources, older pages on scroll-up) and the
 * composer. Sending, streaming, stop, continue and retry belong to its ChatRunController, messages
 * written offline to its OutboxController. Fires (internal) `conversation-changed` when a first
 * message created the conversation, `conversation-gone` when the conversation to show no longer
 * exists, `run-started` (a RunAnnouncement) when it started a run the user's other tabs may follow.
 */
export class ConversationView extends WidgetElement {
  static override styles = [controls, conversationStyles, citationFeedbackStyles];

  @consume({ context: apiContext, subscribe: true }) @state() private api!: ApiClient;
  @consume({ context: stringsContext, subscribe: true }) @state() private t!: Strings;

  /** null: a new conversation, created by the first message. */
  @property({ attribute: false }) conversationId: string | null = null;
  @property({ attribute: false }) greeting = '';
  @property({ attribute: false }) maxLength = 8000;
  /** Sent with each message; undefined: nothing. */
  @property({ attribute: false }) pageContext?: () => PageContext | undefined;
  /** The signed-in user's messages waiting for the network. */
  @property({ attribute: false }) outbox: OutboxPlace | null = null;

  @state() private olderCursor: string | null = null;
  @state() private loading = false;
  @state() private draft = '';
  /** Messages are plain text until then; each message re-renders only when it (or this) changes. */
  @state() private markdownLoaded = false;

  @query('.log') private log!: HTMLElement;
  @query('textarea') private textarea!: HTMLTextAreaElement;

  private readonly run = new ChatRunController(this, {
    api: () => this.api,
    t: () => this.t,
    pageContext: () => this.pageContext?.(),
    conversationCreated: (conversation) => {
      this.queue.created(conversation.id);
      this.dispatchEvent(new CustomEvent<Conversation>('conversation-changed', { detail: conversation }));
    },
    notSent: (outgoing) => {
      // Take the message back into the composer, unless the user typed anew meanwhile or it waits in the outbox.
      if (!this.draft.trim() && !this.queue.has(outgoing.clientMessageId)) this.draft = outgoing.text;
    },
    queue: (outgoing) => {
      if (this.queue.add(outgoing)) {
        this.run.announcement = this.t.queuedOffline;
        void this.scrollToEnd(true);
        return;
      }
      // Nowhere to keep it: it stays in the composer, with the offline error and a Retry.
      if (!this.draft.trim()) this.draft = outgoing.text;
      this.run.fail({ error: reportError(this, new ApiError(0, 'NETWORK', 'Offline')), retry: outgoing });
    },
    stored: (clientMessageId) => this.queue.remove(clientMessageId),
    started: (run) => this.dispatchEvent(new CustomEvent<RunAnnouncement>('run-started', { detail: run })),
    settled: () => void this.queue.flush(),
    grew: (sent) => void this.scrollToEnd(sent),
  });
  private readonly feedback = new FeedbackController(this, {
    api: () => this.api,
    t: () => this.t,
    saved: (id, feedback) => this.run.setFeedback(id, feedback),
    failed: (error) => this.run.fail({ error }),
  });
  private readonly citations = new CitationPopover(this, (id) => this.run.messages.find((m) => m.id === id)?.sources);
  @query('.citation-popover') private citationBox!: HTMLElement | null;
  private readonly queue = new OutboxController(this, { run: this.run, api: () => this.api, pageContext: () => this.pageContext?.() });
  /** Whether the user is reading the end of the log (kept up to date by scroll events, not measured per token). */
  private following = true;

  override connectedCallback(): void {
    super.connectedCallback();
    // Answers render as plain text until the Markdown chunk arrives, then re-render. If it cannot
    // load (offline), they stay plain text, which is safe.
    loadMarkdown().then(
      () => (this.markdownLoaded = true),
      () => undefined,
    );
  }

  async focusComposer(): Promise<void> {
    await this.updateComplete;
    this.textarea?.focus();
  }

  /** Stops showing what streams (the run goes on on the server, which keeps the answer). */
  detach(): void {
    this.run.detach();
  }

  /** Another tab of the user started a run: followed here too if it writes in this conversation. */
  runStarted(run: RunAnnouncement): void {
    if (run.conversationId === this.run.conversationId) this.run.follow(run.runId, run.messageId);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A conversation the first message just created is already on screen: nothing to load.
    if (changed.has('conversationId') && this.conversationId !== this.run.conversationId) void this.load(this.conversationId);
    if (changed.has('outbox')) this.queue.use(this.outbox);
  }

  // A draft put back after a failed send (or cleared after a sent one) resizes the composer too.
  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('draft')) this.autoGrow();
    this.citations.position(this.citationBox);
  }

  private async load(id: string | null): Promise<void> {
    const generation = this.run.switchTo(id);
    this.olderCursor = null;
    this.following = true;
    if (!id) return;
    this.loading = true;
    try {
      const page = await this.api.getConversation(id);
      if (!this.run.isCurrent(generation)) return;
      this.run.showPage(page.conversation, page.messages);
      this.olderCursor = page.nextCursor;
      await this.updateComplete;
      // A reopened conversation shows its newest message.
      this.log.scrollTop = this.log.scrollHeight;
    } catch (error) {
      if (!this.run.isCurrent(generation)) return;
      const apiError = reportError(this, error);
      // Deleted elsewhere (another tab, another device): start afresh rather than offer a retry that cannot work.
      if (apiError.status === 404) this.dispatchEvent(new CustomEvent('conversation-gone'));
      else this.run.fail({ error: apiError });
    } finally {
      if (this.run.isCurrent(generation)) this.loading = false;
    }
  }

  private async loadOlder(): Promise<void> {
    const id = this.run.conversationId;
    if (!this.olderCursor || this.loading || !id) return;
    const generation = this.run.generation;
    this.loading = true;
    try {
      const page = await this.api.getConversation(id, this.olderCursor);
      if (!this.run.isCurrent(generation)) return;
      // Keep what the user was reading in place while the older page appears above it.
      const fromBottom = this.log.scrollHeight - this.log.scrollTop;
      this.run.showPage(page.conversation, page.messages);
      this.olderCursor = page.nextCursor;
      await this.updateComplete;
      this.log.scrollTop = this.log.scrollHeight - fromBottom;
    } catch (error) {
      if (this.run.isCurrent(generation)) this.run.fail({ error: reportError(this, error) });
    } finally {
      if (this.run.isCurrent(generation)) this.loading = false;
    }
  }

  override render() {
    const t = this.t;
    const { messages, failure, streaming } = this.run;
    const remaining = this.maxLength - this.draft.length;
    const showCounter = remaining < Math.min(200, this.maxLength * 0.1);
    const empty = !messages.length && !this.loading && !this.run.conversationId;
    // The live region below is shown too while the connection is being re-established.
    return html`
      <div
        class="log"
        role="log"
        aria-live="polite"
        aria-busy=${streaming || this.loading ? 'true' : 'false'}
        aria-label=${t.messages}
        tabindex="0"
        @scroll=${this.onScroll}
        @mouseover=${this.citations.onShow}
        @focusin=${this.citations.onShow}
        @mouseout=${this.citations.onLeave}
        @focusout=${this.citations.onLeave}
        @click=${this.citations.onClick}
        @keydown=${this.citations.onKeydown}
      >
        <ol class="messages">
        ${this.olderCursor ? html`<li class="older"><button class="link" ?disabled=${this.loading} @click=${this.loadOlder}>${t.loadOlder}</button></li>` : nothing}
        ${this.loading && !messages.length ? html`<li class="muted" role="status">${t.loading}</li>` : nothing}
        ${empty ? html`<li class="message assistant"><div class="bubble">${this.greeting}</div></li>` : nothing}
        ${repeat(messages, (m) => m.id, (m) => guard([m, t, this.markdownLoaded, this.feedback.formFor === m.id], () => messageItem(m, t, this.feedback)))}
        ${this.queue.waiting().map((m) => queuedItem(m.text, t, () => this.queue.remove(m.clientMessageId)))}
        ${resumable(messages.at(-1), streaming) ? html`<li class="older"><button @click=${() => this.run.continue(messages.at(-1)!)}>${t.continueAnswer}</button></li>` : nothing}
        </ol>
      </div>
      ${this.citationPopover()}
      <p class=${this.run.reconnecting ? 'muted notice' : 'sr-only'} role="status">${this.run.announcement}</p>
      <p class="sr-only" role="status">${this.feedback.announcement}</p>
      ${failure
        ? html`<div class="alert" role="alert">
            <span class="error">${this.run.failureText()}</span>
            ${failure.retry || failure.error.status !== 401 ? html`<button @click=${this.retry}>${t.retry}</button>` : nothing}
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
        ${streaming
          ? html`<button type="button" class="primary" @click=${() => this.run.stop()}>${t.stop}</button>`
          : html`<button class="primary" ?disabled=${!this.draft.trim() || remaining < 0}>${t.send}</button>`}
        <p id="counter" class="counter ${remaining < 0 ? 'error' : 'muted'}" ?hidden=${!showCounter}>
          ${remaining < 0 ? format(t.tooLong, { count: -remaining }) : format(t.charactersLeft, { count: remaining })}
        </p>
      </form>
    `;
  }

  /** The title and quote of the citation hovered or focused (see CitationPopover). */
  private citationPopover() {
    const shown = this.citations.shown;
    return shown ? html`<div class="citation-popover" id=${CitationPopover.ID} role="tooltip" dir="auto" @mouseover=${this.citations.onShow} @mouseout=${this.citations.onLeave}>
          ${sourceQuote(shown.source)}
        </div>` : nothing;
  }

  private onScroll = () => {
    const log = this.log;
    this.following = log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_THRESHOLD;
    if (log.scrollTop < LOAD_OLDER_THRESHOLD) void this.loadOlder();
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
    if (!text || this.run.streaming || text.length > this.maxLength) return;
    this.draft = '';
    void this.run.send(text);
  }

  private retry = () => {
    const resent = this.run.retry();
    if (!resent) {
      void this.load(this.run.conversationId);
      return;
    }
    // The draft was put back when the message never reached the server; it is being sent now.
    if (this.draft.trim() === resent.text) this.draft = '';
  };

  /** Follows the answer while the user is at the end of the log; always right after they sent something. */
  private async scrollToEnd(sent: boolean): Promise<void> {
    if (!sent && !this.following) return;
    await this.updateComplete;
    const log = this.log;
    if (!log) return;
    log.scrollTop = log.scrollHeight;
    this.following = true;
  }
}
