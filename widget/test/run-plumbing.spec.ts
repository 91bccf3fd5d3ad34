import { afterEach, describe, expect, it } from '@jest/globals';
import { define, WidgetElement } from '../src/components/base/widget-element.js';
import type { ChatRunController } from '../src/controllers/chat-run-controller.js';
import { OutboxController } from '../src/controllers/outbox-controller.js';
import { ApiClient } from '../src/services/api-client.js';
import { retryDelay } from '../src/services/run-follower.js';
import { createStorage } from '../src/services/storage.js';
import { openTabChannel, type RunAnnouncement } from '../src/services/tab-channel.js';
import { waitFor } from './harness.js';

describe('retryDelay', () => {
  it('doubles from half a second up to 30 s, half of it random', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect(retryDelay(20, () => 1)).toBe(30_000);
    expect(retryDelay(20, () => 0)).toBe(15_000);
  });
});

describe('OutboxController', () => {
  class OutboxHost extends WidgetElement {}
  define('test-outbox-host', OutboxHost);

  /** An outbox of user u1 for a conversation view showing `conversationId`; offline, so nothing is sent. */
  function outbox(conversationId: string | null = null): OutboxController {
    Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => false });
    const host = document.createElement('test-outbox-host') as OutboxHost;
    document.body.append(host);
    const run = { conversationId, messages: [], streaming: false } as unknown as ChatRunController;
    const controller = new OutboxController(host, { run, api: () => new ApiClient('http://server.test', { token: async () => '' }), pageContext: () => undefined });
    controller.use({ storage: createStorage('local', 'http://server.test'), key: 'user:u1:outbox' });
    return controller;
  }
  const texts = () => outbox().waiting().map((m) => m.text);

  afterEach(() => {
    delete (window.navigator as { onLine?: boolean }).onLine;
  });

  it('keeps messages in order, once per client message id, across instances (tabs, reloads)', () => {
    outbox().add({ text: 'one', clientMessageId: 'id-1' });
    outbox().add({ text: 'two', clientMessageId: 'id-2' });
    outbox().add({ text: 'one again', clientMessageId: 'id-1' });
    expect(texts()).toEqual(['one', 'two']);
    outbox().remove('id-1');
    outbox().remove('id-2');
    expect(texts()).toEqual([]);
    expect(localStorage.length).toBe(0);
  });

  it('moves what was written in a new conversation into it once it exists', () => {
    outbox().add({ text: 'first', clientMessageId: 'id-1' });
    outbox('c1').add({ text: 'elsewhere', clientMessageId: 'id-2' });
    outbox().add({ text: 'second', clientMessageId: 'id-3' });
    outbox().created('c2');
    expect(outbox('c2').waiting().map((m) => m.text)).toEqual(['first', 'second']);
    expect(outbox('c1').waiting().map((m) => m.text)).toEqual(['elsewhere']);
  });

  it('starts empty from unreadable storage', () => {
    localStorage.setItem('chat-widget:http://server.test:user:u1:outbox', '{not json');
    expect(texts()).toEqual([]);
  });
});

describe('openTabChannel', () => {
  it('tells the other tabs of the same user and server, not itself nor anyone else', async () => {
    const heard: Record<string, RunAnnouncement[]> = { self: [], sibling: [], otherUser: [], otherServer: [] };
    const channels = [
      openTabChannel('http://server.test', 'u1', (run) => heard.self!.push(run)),
      openTabChannel('http://server.test', 'u1', (run) => heard.sibling!.push(run)),
      openTabChannel('http://server.test', 'u2', (run) => heard.otherUser!.push(run)),
      openTabChannel('http://other.test', 'u1', (run) => heard.otherServer!.push(run)),
    ];
    const run = { runId: 'r1', conversationId: 'c1', messageId: 'm1' };
    channels[0]!.announce(run);
    await waitFor(() => heard.sibling!.length, 'the sibling tab');
    // A second announcement makes sure the first had time to reach everyone it would have reached.
    channels[1]!.announce({ ...run, runId: 'r2' });
    await waitFor(() => heard.self!.length, 'the first tab');
    expect(heard).toEqual({ self: [{ ...run, runId: 'r2' }], sibling: [run], otherUser: [], otherServer: [] });
    channels.forEach((channel) => channel.close());
  });
});
