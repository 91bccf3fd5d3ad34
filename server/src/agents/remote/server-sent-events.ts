import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { AgentError } from '../agent-provider.js';

/**
 * The events of a text/event-stream response body, as they arrive. A stream that breaks off
 * (connection reset, truncated body) is AGENT_BAD_RESPONSE; an abort passes through as is.
 */
export async function* serverSentEvents(response: Response, signal: AbortSignal): AsyncGenerator<EventSourceMessage> {
  if (!response.body) throw new AgentError('AGENT_BAD_RESPONSE', 'The agent sent an empty stream.');
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event) });
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (signal.aborted) throw error;
        throw new AgentError('AGENT_BAD_RESPONSE', 'The agent’s stream broke off.', { cause: error });
      }
      if (chunk.done) break;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
      while (pending.length) yield pending.shift()!;
    }
    parser.feed(decoder.decode());
    while (pending.length) yield pending.shift()!;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
