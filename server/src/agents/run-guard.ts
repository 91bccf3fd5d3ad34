import { AgentError, type AgentEvent, type AgentProvider, type AgentRunInput } from './agent-provider.js';
import { citedEvents } from './citations.js';

export interface RunGuardOptions {
  /** Longest wait for the provider's next event (its first, or the one after the last). */
  timeoutMs: number;
}

/**
 * Wraps a provider so every run behaves the same whatever the provider does: a run that goes quiet
 * for `timeoutMs` fails with AGENT_TIMEOUT, an abort ends it at once even when the provider is stuck
 * in a read that ignores its signal, `[n]` markers that point at no source are removed (the last
 * event is the sources, marked cited or not), and anything thrown becomes an AgentError.
 */
export function guardRuns(provider: AgentProvider, options: RunGuardOptions): AgentProvider {
  return { id: provider.id, run: (input) => citedEvents(guardedRun(provider, input, options), input.partialAnswer) };
}

async function* guardedRun(provider: AgentProvider, input: AgentRunInput, { timeoutMs }: RunGuardOptions): AsyncGenerator<AgentEvent> {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(input.signal.reason);
  if (input.signal.aborted) forwardAbort();
  else input.signal.addEventListener('abort', forwardAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const restartTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new AgentError('AGENT_TIMEOUT')), timeoutMs);
  };

  let iterator: AsyncIterator<AgentEvent> | undefined;
  try {
    restartTimer();
    iterator = provider.run({ ...input, signal: controller.signal })[Symbol.asyncIterator]();
    for (;;) {
      const step = await nextUnlessAborted(iterator, controller.signal);
      if (step.done) break;
      restartTimer();
      if (step.value.type === 'delta' && typeof step.value.text !== 'string') throw new AgentError('AGENT_BAD_RESPONSE', `Agent "${provider.id}" sent a delta without text.`);
      // PostgreSQL text cannot hold NUL; the answer must stay storable whatever the agent sends.
      yield step.value.type === 'delta' ? { type: 'delta', text: step.value.text.replaceAll('\u0000', '') } : step.value;
    }
  } catch (error) {
    throw asAgentError(error, input.signal, controller.signal);
  } finally {
    clearTimeout(timer);
    input.signal.removeEventListener('abort', forwardAbort);
    // Tell the provider to let go of its sockets; a provider stuck in a read is not waited for.
    if (!controller.signal.aborted) controller.abort();
    void iterator?.return?.()?.catch(() => undefined);
  }
}

/** The provider's next event, or the abort reason as soon as the signal fires, whichever is first. */
function nextUnlessAborted(iterator: AsyncIterator<AgentEvent>, signal: AbortSignal): Promise<IteratorResult<AgentEvent>> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    iterator.next().then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

function asAgentError(error: unknown, callerSignal: AbortSignal, runSignal: AbortSignal): unknown {
  if (callerSignal.aborted) return callerSignal.reason ?? error; // the caller stopped the run: not a failure
  if (runSignal.aborted && runSignal.reason instanceof AgentError) return runSignal.reason;
  if (error instanceof AgentError) return error;
  return new AgentError('AGENT_FAILED', undefined, { cause: error });
}
