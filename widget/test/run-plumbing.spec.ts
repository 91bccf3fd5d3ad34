import { describe, expect, it } from '@jest/globals';
import { Outbox } from '../src/services/outbox.js';
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

describe('Outbox', () => {
  const outbox = () => new Outbox(createStorage('local', 'http://server.test'), 'user:u1:outbox');
  const message = (text: string, conversationId: string | null = null) => ({ text, clientMessageId: `id-${text}`, conversationId });

  it('keeps messages in order, once per client message id, across instances (tabs, reloads)', () => {
    outbox().add(message('one'));
    outbox().add(message('two', 'c1'));
    outbox().add({ ...message('one'), text: 'one again' });
    expect(outbox().all().map((m) => m.text)).toEqual(['one', 'two']);
    outbox().remove('id-one');
    outbox().remove('id-two');
    expect(outbox().all()).toEqual([]);
    expect(localStorage.length).toBe(0);
  });

  it('moves what was written in a new conversation into it once it exists', () => {
    outbox().add(message('first'));
    outbox().add(message('elsewhere', 'c1'));
    outbox().add(message('second'));
    outbox().created('c2');
    expect(outbox().all().map((m) => m.conversationId)).toEqual(['c2', 'c1', 'c2']);
  });

  it('starts empty from unreadable storage', () => {
    localStorage.setItem('chat-widget:http://server.test:user:u1:outbox', '{not json');
    expect(outbox().all()).toEqual([]);
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
