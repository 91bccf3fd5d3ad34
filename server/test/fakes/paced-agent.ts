import type { ServerResponse } from 'node:http';
import { openEventStream, type RecordedRequest, writeEvent } from './loopback-server.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer `[paced N MS]` streams: N words. */
export const pacedAnswer = (words: number) => Array.from({ length: words }, (_, i) => `w${i} `).join('');

/**
 * A site owner's agent for the `http` provider whose pace a test sets in the message:
 * `[paced N MS]` answers N words (`w0 w1 …`) MS apart, and stops when the server hangs up on it
 * (an aborted run); anything else answers three words at once. Asked to continue a cut answer
 * (`partialAnswer`), it sends the words after those it had given.
 */
export async function pacedAgent(request: RecordedRequest, response: ServerResponse): Promise<void> {
  const { message, partialAnswer = '' } = request.body as { message: string; partialAnswer?: string };
  openEventStream(response);
  const paced = /\[paced (\d+) (\d+)\]/.exec(message);
  const answer = pacedAnswer(paced ? Number(paced[1]) : 3);
  // The cut text may lack the space after its last word (held back in case a marker followed).
  const rest = answer.startsWith(partialAnswer) ? answer.slice(partialAnswer.length) : answer;
  for (const word of rest.match(/\s*\S+\s*/g) ?? []) {
    if (response.destroyed) break;
    if (paced) await pause(Number(paced[2]));
    writeEvent(response, JSON.stringify({ text: word }), 'delta');
  }
  writeEvent(response, JSON.stringify({ sources: [] }), 'sources');
  writeEvent(response, '{}', 'done');
  response.end();
}
