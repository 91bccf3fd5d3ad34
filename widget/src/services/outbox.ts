import type { WidgetStorage } from './storage.js';

/** A message written while offline; sending it again with its `clientMessageId` stores it once. */
export interface QueuedMessage {
  text: string;
  clientMessageId: string;
  /** null: it starts a new conversation. */
  conversationId: string | null;
}

/**
 * Messages waiting for the network, oldest first, in the widget's storage under the user's key
 * (kept across reloads, shared by the user's tabs, gone on sign-out). Read afresh on every call,
 * since another tab may have sent or removed one meanwhile.
 */
export class Outbox {
  constructor(
    private readonly storage: WidgetStorage,
    readonly key: string,
  ) {}

  all(): QueuedMessage[] {
    try {
      const stored: unknown = JSON.parse(this.storage.get(this.key) ?? '[]');
      return Array.isArray(stored) ? stored : [];
    } catch {
      return [];
    }
  }

  /** Queues a message at the end, unless it waits already (in its place). */
  add(message: QueuedMessage): void {
    const all = this.all();
    if (!all.some((m) => m.clientMessageId === message.clientMessageId)) this.save([...all, message]);
  }

  remove(clientMessageId: string): void {
    this.save(this.all().filter((m) => m.clientMessageId !== clientMessageId));
  }

  /** The new conversation the queued messages were written in now exists: they go on in it. */
  created(conversationId: string): void {
    this.save(this.all().map((m) => (m.conversationId ? m : { ...m, conversationId })));
  }

  private save(messages: QueuedMessage[]): void {
    if (messages.length) this.storage.set(this.key, JSON.stringify(messages));
    else this.storage.remove(this.key);
  }
}
