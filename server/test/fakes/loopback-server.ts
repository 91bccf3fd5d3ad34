import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request a fake received, body parsed as JSON when it is JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free loopback port, for fakes of third parties: records each request
 * and hands it to `handler`. `close()` also drops connections a handler left hanging (stalls).
 */
export async function startLoopbackServer(handler: FakeHandler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    void readBody(req).then(async (text) => {
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: parseBody(text, req.headers) };
      requests.push(recorded);
      try {
        await handler(recorded, res);
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `fake failed: ${String(error)}` } }));
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  req.setEncoding('utf8');
  for await (const chunk of req) text += chunk;
  return text;
}

function parseBody(text: string, headers: IncomingHttpHeaders): unknown {
  if (!text) return undefined;
  if (!/json/.test(headers['content-type'] ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Starts a server-sent-events response. */
export function openEventStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

/** Writes one event (`data` as given, one `data:` line per line of it). */
export function writeEvent(res: ServerResponse, data: string, event?: string): void {
  if (res.destroyed) return;
  res.write(`${event ? `event: ${event}\n` : ''}${data.split('\n').map((line) => `data: ${line}`).join('\n')}\n\n`);
}

/** Drops the connection abruptly (TCP reset), as a crashing server or a broken network would. */
export function resetConnection(res: ServerResponse): void {
  res.socket?.resetAndDestroy();
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
