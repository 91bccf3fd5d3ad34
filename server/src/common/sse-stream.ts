import type { FastifyReply } from 'fastify';

const HEARTBEAT_MS = 15_000;

/**
 * A server-sent-events response on Fastify's raw socket. Keeps proxies from buffering or timing
 * out (no-transform, X-Accel-Buffering, comment heartbeats) and tells when the client has gone.
 * `Events` maps each event name to the type of its data.
 */
export class SseStream<Events extends object> {
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;
  private sequence = 0;

  constructor(
    private readonly reply: FastifyReply,
    onClientGone: () => void,
  ) {
    reply.hijack();
    // Headers set by hooks (CORS, request id) live on the reply; carry them onto the raw response.
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    reply.raw.flushHeaders();
    reply.raw.on('close', () => {
      const early = !this.closed;
      this.dispose();
      if (early) onClientGone();
    });
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
  }

  send<Event extends keyof Events & string>(event: Event, data: Events[Event]): void {
    this.sendFrame(++this.sequence, event, JSON.stringify(data));
  }

  /** A frame with its own id, and data already in JSON (a stored event, sent as it was stored). */
  sendFrame(id: number, event: keyof Events & string, json: string): void {
    this.write(`id: ${id}\nevent: ${event}\ndata: ${json}\n\n`);
  }

  end(): void {
    if (this.closed) return;
    this.dispose();
    this.reply.raw.end();
  }

  private write(chunk: string): void {
    if (!this.closed && !this.reply.raw.destroyed) this.reply.raw.write(chunk);
  }

  private dispose(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
  }
}
