import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../common/logger.js';
import { RunHub } from './run-hub.js';
import { RunRecorder } from './run-recorder.js';
import type { AnswerOutcome, RunRepository } from './run.repository.js';
import type { RunBatch, RunEvent, RunStatus } from './run-event.js';

/** The repository's writes, held until the test lets each one complete (or fail). */
class HeldWrites {
  readonly calls: Array<{ kind: 'append' | 'finish'; events: RunEvent[]; status?: RunStatus; settle: (error?: Error) => void }> = [];

  asRepository(): RunRepository {
    const write = (kind: 'append' | 'finish', events: RunEvent[], status?: RunStatus) =>
      new Promise<void>((resolve, reject) => this.calls.push({ kind, events, status, settle: (error) => (error ? reject(error) : resolve()) }));
    return {
      append: (_runId: string, events: RunEvent[]) => write('append', events),
      finish: (_runId: string, events: RunEvent[], status: RunStatus, _answer: AnswerOutcome) => write('finish', events, status),
    } as unknown as RunRepository;
  }
}

const ANSWER: AnswerOutcome = { messageId: 'm', content: 'abc', sources: [], status: 'complete', errorCode: null };
const tick = () => new Promise((resolve) => setImmediate(resolve));

function recorder(options: { maxEvents?: number; flushMs?: number } = {}) {
  const writes = new HeldWrites();
  const hub = new RunHub();
  const delivered: RunBatch[] = [];
  hub.subscribe('run', (batch) => delivered.push(batch));
  let released = false;
  const subject = new RunRecorder('run', new AbortController().signal, writes.asRepository(), hub, { maxEvents: options.maxEvents ?? 100, flushMs: options.flushMs ?? 0 }, createLogger('silent'), () => (released = true));
  return { subject, writes, delivered, released: () => released };
}

describe('RunRecorder', () => {
  it('writes the events that came while a write was in flight as one batch, and tells listeners only once each batch is stored', async () => {
    const { subject, writes, delivered } = recorder();
    subject.emit('conversation', { n: 0 });
    for (let i = 1; i <= 3; i++) subject.emit('delta', { text: `t${i}` });
    expect(writes.calls.map((c) => c.events.map((e) => e.id))).toEqual([[1]]);
    expect(delivered).toEqual([]);
    writes.calls[0]!.settle();
    await tick();
    expect(delivered.map((b) => b.events!.map((e) => e.id))).toEqual([[1]]);
    expect(writes.calls.map((c) => c.events.map((e) => e.id))).toEqual([[1], [2, 3, 4]]);
    writes.calls[1]!.settle();
    await tick();
    expect(delivered.at(-1)).toEqual({ lastEventId: 4, final: false, events: writes.calls[1]!.events });
  });

  it('waits RUN_EVENTS_FLUSH_MS between writes, and ends with the last events and the final one in one statement', async () => {
    const { subject, writes, delivered, released } = recorder({ flushMs: 10_000 });
    subject.emit('conversation', {});
    writes.calls[0]!.settle();
    await tick();
    subject.emit('delta', { text: 'first' });
    writes.calls[1]!.settle();
    await tick();
    subject.emit('delta', { text: 'a' });
    subject.emit('delta', { text: 'b' });
    expect(writes.calls).toHaveLength(2);
    const finished = subject.finish({ event: 'done', data: {} }, 'complete', ANSWER, () => ({ event: 'error', data: {} }));
    await tick();
    expect(writes.calls[2]).toMatchObject({ kind: 'finish', status: 'complete' });
    expect(writes.calls[2]!.events.map((e) => [e.id, e.event])).toEqual([[3, 'delta'], [4, 'delta'], [5, 'done']]);
    writes.calls[2]!.settle();
    await finished;
    expect(delivered.at(-1)).toMatchObject({ lastEventId: 5, final: true });
    expect(released()).toBe(true);
    expect(subject.emit('delta', { text: 'late' })).toBe(false);
  });

  it('writes the first delta without waiting for the flush interval: time to the first word counts most', async () => {
    const { subject, writes } = recorder({ flushMs: 10_000 });
    subject.emit('conversation', {});
    subject.emit('sources', {});
    subject.emit('delta', { text: 'first' });
    writes.calls[0]!.settle();
    await tick();
    expect(writes.calls.map((c) => c.events.map((e) => e.event))).toEqual([['conversation'], ['sources', 'delta']]);
    writes.calls[1]!.settle();
    await tick();
    subject.emit('delta', { text: 'second' });
    await tick();
    expect(writes.calls).toHaveLength(2);
  });

  it('keeps at most maxEvents events, the last for the final one', async () => {
    const { subject, writes } = recorder({ maxEvents: 3 });
    expect([subject.emit('conversation', {}), subject.emit('delta', {}), subject.emit('delta', {})]).toEqual([true, true, false]);
    writes.calls[0]!.settle();
    await tick();
    writes.calls[1]!.settle();
    const finished = subject.finish({ event: 'done', data: {} }, 'complete', ANSWER, () => ({ event: 'error', data: {} }));
    await tick();
    expect(writes.calls[2]!.events.map((e) => e.id)).toEqual([3]);
    writes.calls[2]!.settle();
    await finished;
  });

  it('when the final write fails, tells this instance’s listeners so as the final event, and lets the caller know', async () => {
    const { subject, writes, delivered, released } = recorder();
    subject.emit('conversation', {});
    const finished = subject.finish({ event: 'done', data: {} }, 'complete', ANSWER, () => ({ event: 'error', data: { code: 'DATABASE_UNAVAILABLE' } }));
    writes.calls[0]!.settle();
    await tick();
    writes.calls[1]!.settle(new Error('connection lost'));
    await expect(finished).rejects.toThrow('connection lost');
    expect(delivered.at(-1)!.events!.at(-1)).toEqual({ id: 2, event: 'error', data: '{"code":"DATABASE_UNAVAILABLE"}' });
    expect(delivered.at(-1)!.final).toBe(true);
    expect(released()).toBe(true);
  });
});
