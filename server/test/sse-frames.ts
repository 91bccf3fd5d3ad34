/** One server-sent event with its id, as a resuming client sees it. */
export interface SseFrame {
  id: number;
  event: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test code reads event payloads freely
}

/**
 * An open text/event-stream response read frame by frame, as a browser's EventSource would: so a
 * test can read part of a stream, hang up, and resume from the last id it saw.
 */
export class SseFrameReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  private constructor(
    readonly status: number,
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
  ) {}

  /** Opens the stream; a response that is not a stream rejects with its status and JSON body. */
  static async open(url: string, init: RequestInit): Promise<SseFrameReader> {
    const response = await fetch(url, init);
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
      const body = await response.text();
      throw Object.assign(new Error(`not a stream: ${response.status} ${body}`), { status: response.status, body });
    }
    return new SseFrameReader(response.status, response.body!.getReader());
  }

  /** The next frame, or undefined once the stream has ended. */
  async next(): Promise<SseFrame | undefined> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const lines = block.split('\n').filter((line) => line && !line.startsWith(':'));
        if (lines.length === 0) continue;
        const field = (name: string) => lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
        return { id: Number(field('id')[0]), event: field('event')[0] ?? 'message', data: JSON.parse(field('data').join('\n')) };
      }
      const { value, done } = await this.reader.read();
      if (done) return undefined;
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  /** Frames up to the first that satisfies `until` (included), or to the end of the stream. */
  async until(until: (frame: SseFrame) => boolean): Promise<SseFrame[]> {
    const frames: SseFrame[] = [];
    for (let frame = await this.next(); frame; frame = await this.next()) {
      frames.push(frame);
      if (until(frame)) break;
    }
    return frames;
  }

  /** Every frame up to the end of the stream. */
  async rest(): Promise<SseFrame[]> {
    const frames: SseFrame[] = [];
    for (let frame = await this.next(); frame; frame = await this.next()) frames.push(frame);
    return frames;
  }

  /** Hangs up, as a closed tab or a dropped network would. */
  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

/** The answer text the deltas of some frames add up to. */
export const deltaText = (frames: SseFrame[]) =>
  frames
    .filter((f) => f.event === 'delta')
    .map((f) => f.data.text as string)
    .join('');

const sseHeaders = (jwt: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${jwt}`, accept: 'text/event-stream', ...extra });

/** Starts an agent run on `baseUrl` (POST /agents/run, streaming) as the user of `jwt`. */
export function startRunStream(baseUrl: string, jwt: string, message: string): Promise<SseFrameReader> {
  return SseFrameReader.open(`${baseUrl}/agents/run`, {
    method: 'POST',
    headers: { ...sseHeaders(jwt), 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
}

/** Follows a run (GET /runs/:id/events), with extra headers (Last-Event-ID) or a query string. */
export function followRunStream(baseUrl: string, jwt: string, runId: string, headers: Record<string, string> = {}, query = ''): Promise<SseFrameReader> {
  return SseFrameReader.open(`${baseUrl}/runs/${runId}/events${query}`, { headers: sseHeaders(jwt, headers) });
}
