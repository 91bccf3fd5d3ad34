/** Client-side timings of one streamed agent run, in milliseconds from sending the request. */
export interface RunTiming {
  /** First byte of the response body (the `conversation` event). */
  firstByte: number;
  /** First `delta` event: the first word of the answer. */
  firstDelta: number;
  /** The `done` event. */
  done: number;
}

/** POST /agents/run with `Accept: text/event-stream`, timing the stream as the widget would see it. */
export async function timeAgentRun(baseUrl: string, jwt: string, message: string): Promise<RunTiming> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/agents/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jwt}`, accept: 'text/event-stream', 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  if (!response.ok || !response.body) throw new Error(`POST /agents/run: ${response.status} ${await response.text()}`);
  let firstByte = NaN;
  let firstDelta = NaN;
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    const now = performance.now() - started;
    if (Number.isNaN(firstByte)) firstByte = now;
    text += decoder.decode(chunk, { stream: true });
    if (Number.isNaN(firstDelta) && text.includes('event: delta')) firstDelta = now;
    if (/event: (done|error)/.test(text)) {
      if (text.includes('event: error')) throw new Error(`agent run failed: ${text.slice(-300)}`);
      return { firstByte, firstDelta, done: now };
    }
  }
  throw new Error('stream ended without done');
}
