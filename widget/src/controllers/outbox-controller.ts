import type { ReactiveController } from 'lit';
import type { WidgetElement } from '../components/base/widget-element.js';
import type { ApiClient } from '../services/api-client.js';
import type { PageContext } from '../services/api-types.js';
import type { WidgetStorage } from '../services/storage.js';
import type { ChatRunController, Outgoing } from './chat-run-controller.js';

/** Where the signed-in user's outbox is kept: the widget's storage, under a key of the user's. */
export interface OutboxPlace {
  storage: WidgetStorage;
  key: string;
}

/** A message written while offline; sending it again with its `clientMessageId` stores it once. */
export interface QueuedMessage extends Outgoing {
  /** null: it starts a new conversation. */
  conversationId: string | null;
}

export interface OutboxOptions {
  run: ChatRunController;
  api(): ApiClient;
  pageContext(): PageContext | undefined;
}

/**
 * Messages sent while offline: kept in the user's outbox (storage, so across reloads, shared by
 * the user's tabs, gone on sign-out), shown as waiting, and sent in order when the network comes
 * back or the widget starts online again. Those of the conversation on screen are sent there, with
 * their answer streaming; the others quietly. One tab sends at a time (a Web Lock), and a message
 * keeps its `clientMessageId`, so a send that is retried or raced by another tab is stored once.
 */
export class OutboxController implements ReactiveController {
  private place: OutboxPlace | null = null;
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
  use(place: OutboxPlace | null): void {
    this.place = place;
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

  /**
   * Queues a message of the conversation on screen at the end, unless it waits already (in its
   * place); false when there is no outbox (a visitor who is not yet anyone, before a guest's first send).
   */
  add(outgoing: Outgoing): boolean {
    const conversationId = this.options.run.conversationId;
    this.update((all) => (all.some((m) => m.clientMessageId === outgoing.clientMessageId) ? all : [...all, { ...outgoing, conversationId }]));
    return !!this.place;
  }

  remove(clientMessageId: string): void {
    this.update((all) => all.filter((m) => m.clientMessageId !== clientMessageId));
  }

  /** The new conversation the waiting messages were written in now exists: they follow it there. */
  created(conversationId: string): void {
    this.update((all) => all.map((m) => (m.conversationId ? m : { ...m, conversationId })));
  }

  /** Sends what waits, unless offline, already sending, or another tab is. */
  flush = async (): Promise<void> => {
    const place = this.place;
    if (!place || this.sending || navigator.onLine === false) return;
    this.sending = true;
    try {
      const locks = navigator.locks;
      if (locks) await locks.request(`chat-widget-outbox:${place.key}`, { ifAvailable: true }, (lock) => lock && this.sendAll(place));
      else await this.sendAll(place);
    } finally {
      this.sending = false;
      this.changed();
    }
  };

  private async sendAll(place: OutboxPlace): Promise<void> {
    const { run } = this.options;
    for (let next = this.read()[0]; next && place === this.place && navigator.onLine !== false; next = this.read()[0]) {
      if (next.conversationId === run.conversationId) {
        // On screen: sent there once the answer streaming now (if any) is done.
        if (run.streaming) return;
        await run.send(next);
      } else await this.sendQuietly(next);
      // Still waiting: it failed (the failure is shown, or it is sent the next time).
      if (this.read()[0]?.clientMessageId === next.clientMessageId) return;
    }
  }

  /** Sends a message of a conversation not on screen; its answer is read to the end, unseen. */
  private async sendQuietly(message: QueuedMessage): Promise<void> {
    const input = { message: message.text, clientMessageId: message.clientMessageId, conversationId: message.conversationId ?? undefined, context: this.options.pageContext() };
    try {
      await this.options.api().send(
        input,
        (event) => {
          if (event.type !== 'conversation') return;
          this.remove(message.clientMessageId);
          if (!message.conversationId) this.created(event.conversation.id);
        },
        new AbortController().signal,
      );
    } catch {
      // Stays in the outbox for the next time the network comes back.
    }
  }

  private read(): QueuedMessage[] {
    try {
      const stored: unknown = this.place && JSON.parse(this.place.storage.get(this.place.key) ?? '[]');
      return Array.isArray(stored) ? stored : [];
    } catch {
      return [];
    }
  }

  /** Changes the outbox as stored now (another tab may have changed it since it was last read). */
  private update(change: (all: QueuedMessage[]) => QueuedMessage[]): void {
    const place = this.place;
    if (!place) return;
    const messages = change(this.read());
    if (messages.length) place.storage.set(place.key, JSON.stringify(messages));
    else place.storage.remove(place.key);
    this.changed();
  }

  private changed = (): void => {
    this.items = this.read();
    this.host.requestUpdate();
  };
}
