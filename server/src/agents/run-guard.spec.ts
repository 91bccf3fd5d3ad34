import { describe, expect, it } from '@jest/globals';
import { AgentError, type AgentEvent, type AgentProvider, type AgentRunInput } from './agent-provider.js';
import { guardRuns } from './run-guard.js';

const input = (signal = new AbortController().signal): AgentRunInput => ({ message: 'hi', history: [], signal, conversationId: 'c', userId: 'u' });
const provider = (run: (input: AgentRunInput) => AsyncIterable<AgentEvent>): AgentProvider => ({ id: 'test', run });
const SOURCES: AgentEvent = { type: 'sources', sources: [] };

async function collect(events: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const seen: AgentEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

/** A provider stuck in a read that ignores its abort signal. */
const stuck = provider(async function* () {
  yield { type: 'delta', text: 'Thinking' };
  await new Promise(() => undefined);
});

describe('guardRuns', () => {
  it('passes a well-behaved run through, keeping the provider id', async () => {
    const guarded = guardRuns(
      provider(async function* () {
        yield { type: 'delta', text: 'a\u0000b' };
        yield SOURCES;
      }),
      { timeoutMs: 1000 },
    );
    expect(guarded.id).toBe('test');
    expect(await collect(guarded.run(input()))).toEqual([{ type: 'delta', text: 'ab' }, SOURCES]);
  });

  it('fails with AGENT_TIMEOUT when the provider goes quiet, and aborts the provider', async () => {
    let providerSignal: AbortSignal | undefined;
    const guarded = guardRuns(
      provider(async function* (run) {
        providerSignal = run.signal;
        yield* stuck.run(run);
      }),
      { timeoutMs: 100 },
    );
    await expect(collect(guarded.run(input()))).rejects.toMatchObject({ name: 'AgentError', code: 'AGENT_TIMEOUT' });
    expect(providerSignal?.aborted).toBe(true);
  });

  it('ends at once when the caller aborts, even if the provider ignores the signal', async () => {
    const caller = new AbortController();
    const seen: AgentEvent[] = [];
    const run = (async () => {
      for await (const event of guardRuns(stuck, { timeoutMs: 60_000 }).run(input(caller.signal))) {
        seen.push(event);
        caller.abort(new Error('client went away'));
      }
    })();
    await expect(run).rejects.toThrow('client went away');
    expect(seen).toEqual([{ type: 'delta', text: 'Thinking' }]);
  });

  it('turns anything thrown into an AgentError, keeping AgentErrors as they are', async () => {
    const throwing = (error: unknown) =>
      guardRuns(
        provider(async function* () {
          yield { type: 'delta', text: 'x' };
          throw error;
        }),
        { timeoutMs: 1000 },
      );
    await expect(collect(throwing(new TypeError('boom')).run(input()))).rejects.toMatchObject({ code: 'AGENT_FAILED', cause: expect.any(TypeError) });
    await expect(collect(throwing(new AgentError('AGENT_UNREACHABLE')).run(input()))).rejects.toMatchObject({ code: 'AGENT_UNREACHABLE' });
  });

  it('removes markers that point at no source, and ends with the sources marked cited or not', async () => {
    const citing = provider(async function* () {
      yield { type: 'sources', sources: [{ title: 'A', url: 'https://a.example', snippet: '', score: 1 }] };
      yield { type: 'delta', text: 'True [1], made up [2].' };
    });
    const events = await collect(guardRuns(citing, { timeoutMs: 1000 }).run(input()));
    expect(events.filter((e) => e.type === 'delta').map((e) => e.text).join('')).toBe('True [1], made up.');
    expect(events.at(-1)).toEqual({ type: 'sources', sources: [{ title: 'A', url: 'https://a.example', snippet: '', score: 1, cited: true }] });
  });

  it('rejects deltas without text', async () => {
    const empty = provider(async function* () {
      yield { type: 'delta' } as unknown as AgentEvent;
    });
    await expect(collect(guardRuns(empty, { timeoutMs: 1000 }).run(input()))).rejects.toMatchObject({ code: 'AGENT_BAD_RESPONSE' });
  });
});
