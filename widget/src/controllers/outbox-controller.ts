import type { ReactiveController } from 'lit';
import type { WidgetElement } from '../components/base/widget-element.js';
import type { ApiClient } from '../services/api-client.js';
import type { PageContext } from '../services/api-types.js';
import type { Outbox, QueuedMessage } from '../services/outbox.js';
import type { ChatRunController, Outgoing } from './chat-run-controller.js';

export interface OutboxOptions {
  run: ChatRunController;
  api(): ApiClient;
  pageContext(): PageContext | undefined;
}

/**
 * Messages sent while offline: kept in the user's outbox (storage), shown as waiting, and sent
 * in order when the network comes back or the widget starts online again (after a reload). Those
 * of the conversation on screen are sent there, with their answer streaming; the others quietly.
 * One tab sends at a time (a Web Lock), and a message keeps its `clientMessageId`, so a send that
 * is retried or raced by another tab is stored once.
 */
export class OutboxController implements ReactiveController {
  private outbox: Outbox | null = null;
  /** What the outbox held when last read (renders read this, not storage). */
  private items: QueuedMessage[] = [];
  private sending = false;

  constructor(
    private readonly host: WidgetElement,
    private readonly options: OutboxOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.flush);
    // Another tab queued, sent or removed a message.
    addEventListener('storage', this.changed);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.flush);
    removeEventListener('storage', this.changed);
  }

  /** The signed-in user's outbox (null: signed out); what waited since an earlier visit goes now. */
  use(outbox: Outbox | null): void {
    this.outbox = outbox;
    this.changed();
    void this.flush();
  }

  /** What waits to be sent in the conversation on screen, oldest first. */
  waiting(): QueuedMessage[] {
    const { conversationId, messages } = this.options.run;
    return this.items.filter((m) => m.conversationId === conversationId && !messages.some((shown) => shown.clientMessageId === m.clientMessageId));
  }

  has(clientMessageId: string): boolean {
    return this.items.some((m) => m.clientMessageId === clientMessageId);
  }

  add(outgoing: Outgoing): void {
    this.outbox?.add({ ...outgoing, conversationId: this.options.run.conversationId });
    this.changed();
  }

  remove(clientMessageId: string): void {
    this.outbox?.remove(clientMessageId);
    this.changed();
  }

  /** The new conversation the waiting messages were written in now exists: they follow it there. */
  created(conversationId: string): void {
    this.outbox?.created(conversationId);
    this.changed();
  }

  /** Sends what waits, unless offline, already sending, or another tab is. */
  flush = async (): Promise<void> => {
    const outbox = this.outbox;
    if (!outbox || this.sending || navigator.onLine === false) return;
    this.sending = true;
    try {
      const locks = navigator.locks;
      if (locks) await locks.request(`chat-widget-outbox:${outbox.key}`, { ifAvailable: true }, (lock) => lock && this.sendAll(outbox));
      else await this.sendAll(outbox);
    } finally {
      this.sending = false;
      this.changed();
    }
  };

  private async sendAll(outbox: Outbox): Promise<void> {
    const { run } = this.options;
    for (let next = outbox.all()[0]; next && outbox === this.outbox && navigator.onLine !== false; next = outbox.all()[0]) {
      if (next.conversationId === run.conversationId) {
        // On screen: sent there once the answer streaming now (if any) is done.
        if (run.streaming) return;
        await run.sendQueued(next);
      } else await this.sendQuietly(outbox, next);
      // Still waiting: it failed (the failure is shown, or it is sent the next time).
      if (outbox.all()[0]?.clientMessageId === next.clientMessageId) return;
    }
  }

  /** Sends a message of a conversation not on screen; its answer is read to the end, unseen. */
  private async sendQuietly(outbox: Outbox, message: QueuedMessage): Promise<void> {
    const input = { message: message.text, clientMessageId: message.clientMessageId, conversationId: message.conversationId ?? undefined, context: this.options.pageContext() };
    try {
      await this.options.api().send(
        input,
        (event) => {
          if (event.type !== 'conversation') return;
          outbox.remove(message.clientMessageId);
          if (!message.conversationId) outbox.created(event.conversation.id);
        },
        new AbortController().signal,
      );
    } catch {
      // Stays in the outbox for the next time the network comes back.
    }
  }

  private changed = (): void => {
    this.items = this.outbox?.all() ?? [];
    this.host.requestUpdate();
  };
}
