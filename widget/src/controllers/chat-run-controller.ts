import type { ReactiveController } from 'lit';
import { errorText, reportError } from '../components/base/report-error.js';
import type { WidgetElement } from '../components/base/widget-element.js';
import type { Strings } from '../i18n/index.js';
import type { ApiClient } from '../services/api-client.js';
import type { PageContext } from '../services/api-types.js';
import { ApiError } from '../services/api-error.js';
import type { Conversation, Message, MessageFeedback, RunEvent } from '../services/api-types.js';
import type { RunEventHandler } from '../services/api-client.js';
import { followRun, onComeback } from '../services/run-follower.js';

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
  /** Sent while offline: the message waits for the network in the outbox. */
  queue(outgoing: Outgoing): void;
  /** The server stored the message with this client id. */
  stored(clientMessageId: string): void;
  /** This tab started a run (a send, a continue): the user's other tabs may follow it. */
  started(run: { runId: string; conversationId: string; messageId: string }): void;
  /** A stream ended: the next message may go. */
  settled(): void;
  /** The log changed at its end; `sent` right after the user sent something. */
  grew(sent: boolean): void;
}

/** The streaming answer on screen, and how far its run has been applied. */
interface Live {
  runId: string | null;
  answerId: string;
  /** The last event id applied: a reconnect asks for what came after it. */
  lastEventId: number;
  finished: boolean;
  /** Stop was pressed before the run's id was known: it is stopped as soon as it is. */
  stopWanted: boolean;
  /** The message this tab sent, for a run it started with it. */
  outgoing?: Outgoing;
  /** Whether this tab started the run (its other tabs are told). */
  own: boolean;
}

/** A streaming answer, before its first event; `own` when this tab starts its run. */
const liveAnswer = (answerId: string, runId: string | null, own: boolean, outgoing?: Outgoing): Live => ({ runId, answerId, lastEventId: 0, finished: false, stopWanted: false, own, outgoing });

type Opener = (onEvent: RunEventHandler, signal: AbortSignal) => Promise<void>;

/**
 * The messages of the conversation on screen, and the runs that add to them: sending, streaming
 * the answer, stopping it (on the server, for every tab), continuing it, and retrying a failed one.
 * A run is the server's: a dropped connection is resumed from the last event seen, and a run found
 * streaming (after a reload, or started in another tab) is followed from its start. Streamed
 * tokens are applied once per frame, however fast they arrive.
 */
export class ChatRunController implements ReactiveController {
  messages: Message[] = [];
  conversation: Conversation | null = null;
  /** The conversation these messages belong to; null: a new one, created by the first message. */
  conversationId: string | null = null;
  streaming = false;
  /** The connection to the streaming answer dropped and is being re-established. */
  reconnecting = false;
  failure: RunFailure | null = null;
  /** For the live region: said once per answer (or state change), not per token. */
  announcement = '';

  private live: Live | null = null;
  private abort: AbortController | null = null;
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

  /** Shows another conversation (or none): whatever streams goes on on the server, unwatched here. */
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

  /** A page of the conversation arrived: older messages go above what is shown. An answer still being written is followed. */
  showPage(conversation: Conversation, messages: Message[]): void {
    this.conversation = conversation;
    this.messages = [...messages, ...this.messages];
    this.host.requestUpdate();
    const last = this.messages.at(-1);
    if (last?.status === 'streaming' && last.runId) this.follow(last.runId, last.id);
  }

  fail(failure: RunFailure | null): void {
    this.failure = failure;
    this.host.requestUpdate();
  }

  /** Stops watching the stream here; the run goes on on the server, which keeps its answer. */
  detach(): void {
    this.abort?.abort();
  }

  /** Stops the answer being written, on the server, for every tab that shows it. */
  stop(): void {
    const live = this.live;
    if (!live) return;
    live.stopWanted = true;
    if (live.runId) void this.stopRun(live.runId);
  }

  private async stopRun(runId: string): Promise<void> {
    try {
      await this.options.api().stopRun(runId);
    } catch (error) {
      this.fail({ error: reportError(this.host, error) });
    }
  }

  /** Sends new text, or a message that waited in the outbox under the id it was queued with. */
  send(message: string | Outgoing): Promise<void> {
    return this.run(typeof message === 'string' ? { text: message, clientMessageId: crypto.randomUUID() } : message);
  }

  /**
   * Follows a run this tab did not start (another tab's, or one found streaming on load), from its
   * start; `messageId` is its answer, which may not be on screen yet. The server stores an answer's
   * text when its run ends, so what is shown of it is what came before this run (nothing, or the
   * text a continued run goes on from), and the replayed deltas add to it.
   */
  follow(runId: string, messageId: string): void {
    if (this.streaming) return;
    void this.stream(liveAnswer(messageId, runId, false), null);
  }

  /** Has the agent go on from a stopped or interrupted answer, in the same message. */
  continue(answer: Message): void {
    if (this.streaming || !answer.runId) return;
    const runId = answer.runId;
    this.patch(answer.id, () => ({ status: 'streaming', errorCode: null }));
    void this.stream(liveAnswer(answer.id, null, true), (onEvent, signal) =>
      this.options.api().continueRun(runId, onEvent, signal),
    );
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
    if (navigator.onLine === false) return this.options.queue(outgoing);
    const localAnswerId = `pending-${outgoing.clientMessageId}`;
    const stored = this.messages.some((m) => m.clientMessageId === outgoing.clientMessageId && !m.id.startsWith('local-'));
    const base = { conversationId: this.conversationId ?? '', sources: [], errorCode: null, replyToId: null, runId: null, createdAt: new Date().toISOString(), feedback: null };
    // A retry replaces the failed answer; the user's message stays as it is.
    const last = this.messages.at(-1);
    const kept = last?.role === 'assistant' && last.status === 'error' ? this.messages.slice(0, -1) : this.messages;
    this.messages = [
      ...kept,
      ...(stored ? [] : [{ ...base, id: `local-${outgoing.clientMessageId}`, role: 'user' as const, content: outgoing.text, status: 'complete' as const, clientMessageId: outgoing.clientMessageId }]),
      { ...base, id: localAnswerId, role: 'assistant', content: '', status: 'streaming', clientMessageId: null },
    ];
    this.options.grew(true);
    const input = { message: outgoing.text, conversationId: this.conversationId ?? undefined, clientMessageId: outgoing.clientMessageId, context: this.options.pageContext() };
    await this.stream(liveAnswer(localAnswerId, null, true, outgoing), (onEvent, signal) =>
      this.options.api().send(input, onEvent, signal),
    );
  }

  /**
   * Streams a run into its answer: from `open` (a send, a continue) when given, then, if that
   * connection drops once the run is known, or for a run started elsewhere, from the run's events.
   */
  private async stream(live: Live, open: Opener | null): Promise<void> {
    const generation = this.switches;
    const abort = (this.abort = new AbortController());
    this.live = live;
    this.failure = null;
    this.announcement = '';
    this.streaming = true;
    this.host.requestUpdate();
    const onEvent: RunEventHandler = (event, id) => {
      if (generation !== this.switches || (id && id <= live.lastEventId)) return;
      live.lastEventId = id || live.lastEventId;
      this.apply(live, event);
    };
    try {
      // Once the run is known, a drop is only a lost connection: the run goes on and is followed.
      // A comeback (network, tab shown) cuts a connection that may have died silently meanwhile.
      if (open) {
        const connection = new AbortController();
        const stopWatching = onComeback(() => live.runId && connection.abort());
        abort.signal.addEventListener('abort', () => connection.abort());
        await open(onEvent, connection.signal)
          .catch((error: unknown) => {
            if (!live.runId || abort.signal.aborted) throw error;
          })
          .finally(stopWatching);
      }
      if (!live.finished && live.runId) await followRun(this.options.api(), { runId: live.runId, after: live.lastEventId, signal: abort.signal, onEvent, onRetry: (attempt) => this.reconnect(attempt) });
      // The stream ended without a verdict (the server always sends one before it closes a run's stream).
      if (!live.finished && !abort.signal.aborted) throw new ApiError(0, 'NETWORK', 'The answer was cut off');
    } catch (error) {
      if (generation === this.switches && !abort.signal.aborted) this.failed(live, error);
    } finally {
      if (this.abort === abort) {
        this.abort = null;
        this.live = null;
        this.streaming = false;
        this.reconnecting = false;
        this.options.settled();
      }
      this.host.requestUpdate();
    }
  }

  /** The user's feedback on answer `id` was stored (or removed: null). */
  setFeedback(id: string, feedback: MessageFeedback | null): void {
    this.patch(id, () => ({ feedback }));
  }

  private reconnect(attempt: number): void {
    this.reconnecting = attempt > 0;
    if (attempt === 1) this.announcement = this.options.t().reconnecting;
    this.host.requestUpdate();
  }

  private apply(live: Live, event: RunEvent): void {
    const patchAnswer = (patch: (m: Message) => Partial<Message>) => {
      this.flush();
      this.patch(live.answerId, patch);
    };
    const t = this.options.t();
    switch (event.type) {
      case 'conversation':
        this.flush();
        this.started(live, event);
        break;
      case 'delta':
        this.queueText(live.answerId, event.text);
        return;
      case 'sources':
        patchAnswer(() => ({ sources: event.sources }));
        break;
      case 'done':
        live.finished = true;
        patchAnswer(() => event.message);
        this.announcement = event.message.status === 'complete' ? t.answerReceived : event.message.status === 'stopped' ? t.stopped : t.interrupted;
        this.host.emit('chat-widget:answer-received', { conversation: this.conversation, message: event.message });
        break;
      case 'error':
        live.finished = true;
        // The server that ran it went away: the answer is kept as far as it got, to be continued.
        if (event.code === 'RUN_INTERRUPTED') {
          patchAnswer(() => ({ status: 'interrupted' }));
          this.announcement = t.interrupted;
          break;
        }
        patchAnswer(() => ({ status: 'error', errorCode: event.code }));
        this.failure = { error: reportError(this.host, new ApiError(502, event.code, event.message)), retry: live.outgoing };
        break;
    }
    this.options.grew(false);
  }

  /** The run's first event: the stored user message and the answer's id, in place of the local copies. */
  private started(live: Live, event: Extract<RunEvent, { type: 'conversation' }>): void {
    const { userMessage, assistantMessageId, runId } = event;
    const previousAnswer = live.answerId;
    live.runId = runId;
    live.answerId = assistantMessageId;
    let messages = this.messages.map((m) => (m.id === userMessage.id || (userMessage.clientMessageId && m.clientMessageId === userMessage.clientMessageId && m.role === 'user') ? userMessage : m));
    if (!messages.includes(userMessage)) messages = [...messages, userMessage];
    const answer = messages.find((m) => m.id === previousAnswer || m.id === assistantMessageId);
    const fresh: Message = {
      ...userMessage,
      ...answer,
      id: assistantMessageId,
      role: 'assistant',
      content: answer?.content ?? '',
      sources: answer?.sources ?? [],
      status: 'streaming',
      clientMessageId: null,
      replyToId: userMessage.id,
      runId,
    };
    this.messages = answer ? messages.map((m) => (m === answer ? fresh : m)) : [...messages, fresh];
    this.conversation = event.conversation;
    this.host.requestUpdate();
    if (live.outgoing) this.options.stored(live.outgoing.clientMessageId);
    if (this.conversationId !== event.conversation.id) {
      this.conversationId = event.conversation.id;
      this.options.conversationCreated(event.conversation);
    }
    if (live.outgoing) this.host.emit('chat-widget:message-sent', { conversation: event.conversation, message: userMessage });
    // No run: a retried send whose answer was stored before runs existed; it replays and ends.
    if (!runId) return;
    if (live.own) this.options.started({ runId, conversationId: event.conversation.id, messageId: assistantMessageId });
    if (live.stopWanted) void this.stopRun(runId);
  }

  /** The stream could not be had or went wrong in a way a reconnect cannot mend. */
  private failed(live: Live, error: unknown): void {
    const outgoing = live.outgoing;
    this.flush();
    if (live.runId || !outgoing || this.messages.some((m) => m.clientMessageId === outgoing.clientMessageId && !m.id.startsWith('local-'))) {
      this.patch(live.answerId, () => ({ status: 'error' }));
      this.failure = { error: reportError(this.host, error), retry: outgoing };
      return;
    }
    // Nothing was stored: the message goes back to the outbox (offline) or to the user.
    this.messages = this.messages.filter((m) => m.id !== `local-${outgoing.clientMessageId}` && m.id !== live.answerId);
    if (navigator.onLine === false) {
      this.options.queue(outgoing);
      return;
    }
    this.failure = { error: reportError(this.host, error), retry: outgoing };
    this.options.notSent(outgoing);
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
