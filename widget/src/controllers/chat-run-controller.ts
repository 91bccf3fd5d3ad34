import type { ReactiveController } from 'lit';
import { errorText, reportError } from '../components/base/report-error.js';
import type { WidgetElement } from '../components/base/widget-element.js';
import type { Strings } from '../i18n/index.js';
import type { ApiClient } from '../services/api-client.js';
import type { PageContext } from '../services/api-types.js';
import { ApiError } from '../services/api-error.js';
import type { Conversation, Message, MessageFeedback, RunEvent } from '../services/api-types.js';

/** A message the user sent, kept until it is answered so a retry sends exactly the same thing. */
export interface Outgoing {
  text: string;
  clientMessageId: string;
}

/** A failure shown under the log; `retry` is set when sending `retry` again can help. */
export interface RunFailure {
  error: ApiError;
  retry?: Outgoing;
}

/** What a run needs from the element it belongs to, read when it needs them. */
export interface ChatRunOptions {
  api(): ApiClient;
  t(): Strings;
  /** What the page tells the agent along with each message (URL, title, the host's context). */
  pageContext(): PageContext | undefined;
  /** The first message created a conversation: its id is now the one on screen. */
  conversationCreated(conversation: Conversation): void;
  /** Nothing reached the server: the text goes back to the user. */
  notSent(outgoing: Outgoing): void;
  /** The log changed at its end; `sent` right after the user sent something. */
  grew(sent: boolean): void;
}

/**
 * The messages of the conversation on screen, and the runs that add to them: sending, streaming
 * the answer, stopping it, and retrying a failed one. Streamed tokens are applied once per frame,
 * however fast they arrive, so the host renders at most once per frame while an answer streams.
 */
export class ChatRunController implements ReactiveController {
  messages: Message[] = [];
  conversation: Conversation | null = null;
  /** The conversation these messages belong to; null: a new one, created by the first message. */
  conversationId: string | null = null;
  streaming = false;
  failure: RunFailure | null = null;
  /** For the live region: said once per answer, not per token. */
  announcement = '';

  private abort: AbortController | null = null;
  /** The server-side run of the answer streaming now (its `conversation` event names it). */
  private runId: string | null = null;
  /** Bumped on every switch, so a late event or response for a previous conversation is ignored. */
  private switches = 0;
  private pendingText = '';
  private pendingFor = '';
  private frame = 0;

  constructor(
    private readonly host: WidgetElement,
    private readonly options: ChatRunOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.detach();
    cancelAnimationFrame(this.frame);
  }

  /** Shows another conversation (or none): whatever streams is stopped, its events ignored. */
  switchTo(conversationId: string | null): number {
    this.detach();
    this.pendingText = '';
    this.conversationId = conversationId;
    this.messages = [];
    this.conversation = null;
    this.failure = null;
    this.host.requestUpdate();
    return ++this.switches;
  }

  /** Changes with every switch: a response for an older value belongs to another conversation. */
  get generation(): number {
    return this.switches;
  }

  /** True while `generation` (from switchTo) is still the conversation on screen. */
  isCurrent(generation: number): boolean {
    return generation === this.switches;
  }

  /** A page of the conversation arrived: older messages go above what is shown. */
  showPage(conversation: Conversation, messages: Message[]): void {
    this.conversation = conversation;
    this.messages = [...messages, ...this.messages];
    this.host.requestUpdate();
  }

  fail(failure: RunFailure | null): void {
    this.failure = failure;
    this.host.requestUpdate();
  }

  /** Stops the answer streaming now: the server stops its run and keeps the partial answer. */
  stop(): void {
    if (this.runId) void this.options.api().stopRun(this.runId).catch(() => undefined);
    this.detach();
  }

  /** Stops listening; the server-side run goes on and stores its answer. */
  private detach(): void {
    this.runId = null;
    this.abort?.abort();
  }

  send(text: string): Promise<void> {
    return this.run({ text, clientMessageId: crypto.randomUUID() });
  }

  /** Sends the failed message again; returns it, or null when the failure was not a send. */
  retry(): Outgoing | null {
    const retry = this.failure?.retry ?? null;
    this.fail(null);
    if (retry) void this.run(retry);
    return retry;
  }

  /** What to tell the user about the current failure. */
  failureText(): string {
    return this.failure ? errorText(this.options.t(), this.failure.error) : '';
  }

  private async run(outgoing: Outgoing): Promise<void> {
    const generation = this.switches;
    const abort = (this.abort = new AbortController());
    this.failure = null;
    this.announcement = '';
    this.streaming = true;
    const localUserId = `local-${outgoing.clientMessageId}`;
    const localAnswerId = `pending-${outgoing.clientMessageId}`;
    let answerId = localAnswerId;
    let stored = this.messages.some((m) => m.clientMessageId === outgoing.clientMessageId && !m.id.startsWith('local-'));
    let finished = false;
    const base = { conversationId: this.conversationId ?? '', sources: [], errorCode: null, replyToId: null, runId: null, createdAt: new Date().toISOString(), feedback: null };
    // A retry replaces the failed answer; the user's message stays as it is.
    const last = this.messages.at(-1);
    const kept = last?.role === 'assistant' && last.status === 'error' ? this.messages.slice(0, -1) : this.messages;
    this.messages = [
      ...kept,
      ...(stored ? [] : [{ ...base, id: localUserId, role: 'user' as const, content: outgoing.text, status: 'complete' as const, clientMessageId: outgoing.clientMessageId }]),
      { ...base, id: localAnswerId, role: 'assistant', content: '', status: 'streaming', clientMessageId: null },
    ];
    this.host.requestUpdate();
    this.options.grew(true);
    const patchAnswer = (patch: (m: Message) => Partial<Message>) => {
      this.flush();
      this.patch(answerId, patch);
    };
    const onEvent = (event: RunEvent) => {
      if (generation !== this.switches) return;
      switch (event.type) {
        case 'conversation':
          stored = true;
          answerId = event.assistantMessageId;
          if (this.abort === abort) this.runId = event.runId;
          this.messages = this.messages.map((m) => (m.id === localUserId ? event.userMessage : m.id === localAnswerId ? { ...m, id: answerId } : m));
          this.conversation = event.conversation;
          this.host.requestUpdate();
          if (this.conversationId !== event.conversation.id) {
            this.conversationId = event.conversation.id;
            this.options.conversationCreated(event.conversation);
          }
          this.host.emit('chat-widget:message-sent', { conversation: event.conversation, message: event.userMessage });
          break;
        case 'delta':
          this.queueText(answerId, event.text);
          return;
        case 'sources':
          patchAnswer(() => ({ sources: event.sources }));
          break;
        case 'done':
          finished = true;
          patchAnswer(() => event.message);
          this.announcement = this.options.t().answerReceived;
          this.host.emit('chat-widget:answer-received', { conversation: this.conversation, message: event.message });
          break;
        case 'error':
          finished = true;
          patchAnswer(() => ({ status: 'error', errorCode: event.code }));
          this.failure = { error: reportError(this.host, new ApiError(502, event.code, event.message)), retry: outgoing };
          break;
      }
      this.options.grew(false);
    };
    try {
      await this.options.api().send(
        { message: outgoing.text, conversationId: this.conversationId ?? undefined, clientMessageId: outgoing.clientMessageId, context: this.options.pageContext() },
        onEvent,
        abort.signal,
      );
      // The stream ended without a verdict: the connection dropped mid-answer.
      if (!finished && !abort.signal.aborted) throw new ApiError(0, 'NETWORK', 'The answer was cut off');
    } catch (error) {
      if (generation !== this.switches) return;
      if (abort.signal.aborted) {
        patchAnswer(() => ({ status: 'interrupted' }));
      } else if (stored) {
        patchAnswer(() => ({ status: 'error' }));
        this.failure = { error: reportError(this.host, error), retry: outgoing };
      } else {
        this.flush();
        this.messages = this.messages.filter((m) => m.id !== localUserId && m.id !== localAnswerId);
        this.failure = { error: reportError(this.host, error), retry: outgoing };
        this.options.notSent(outgoing);
      }
    } finally {
      if (this.abort === abort) {
        this.abort = null;
        this.runId = null;
        this.streaming = false;
      }
      this.host.requestUpdate();
    }
  }

  /** The user's feedback on answer `id` was stored (or removed: null). */
  setFeedback(id: string, feedback: MessageFeedback | null): void {
    this.patch(id, () => ({ feedback }));
  }

  private patch(id: string, patch: (m: Message) => Partial<Message>): void {
    // Only the patched message becomes a new object: the others keep theirs, and their rendering.
    this.messages = this.messages.map((m) => (m.id === id ? { ...m, ...patch(m) } : m));
    this.host.requestUpdate();
  }

  private queueText(id: string, text: string): void {
    this.pendingFor = id;
    this.pendingText += text;
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.flush();
      this.options.grew(false);
    });
  }

  /** Applies the tokens received since the last frame. */
  private flush(): void {
    if (!this.pendingText) return;
    const text = this.pendingText;
    this.pendingText = '';
    this.patch(this.pendingFor, (m) => ({ content: m.content + text }));
  }
}
