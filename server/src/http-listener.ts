import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The server's socket, bound before the app is built. `PORT=0` then becomes a real port that the
 * configuration (public URL, JWT issuer, allowed origins) can name before anything reads it, with
 * no window in which another process could take the port; and a port already in use fails the
 * start before the database is touched. Requests that arrive before the app is ready wait for it.
 */
export class HttpListener {
  readonly server: Server;
  private appHandler?: RequestHandler;
  private serving?: RequestHandler;
  private readonly waiting: Array<[IncomingMessage, ServerResponse]> = [];

  private constructor() {
    this.server = createServer((request, response) => (this.serving ? this.serving(request, response) : this.waiting.push([request, response])));
    // What Fastify sets on a server it creates itself.
    this.server.keepAliveTimeout = 72_000;
    this.server.requestTimeout = 0;
  }

  static async open(host: string, port: number): Promise<HttpListener> {
    const listener = new HttpListener();
    await new Promise<void>((resolve, reject) => {
      listener.server.once('error', reject);
      listener.server.listen(port, host, () => {
        listener.server.off('error', reject);
        resolve();
      });
    });
    return listener;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Fastify's `serverFactory`: takes the app's handler, hands back this server. */
  readonly serverFactory = (handler: RequestHandler): Server => {
    this.appHandler = handler;
    return this.server;
  };

  /** The app is ready: requests go to it from now on, the waiting ones first. */
  serve(): void {
    if (!this.appHandler) throw new Error('HttpListener.serve(): no app attached (serverFactory was not used)');
    this.serving = this.appHandler;
    for (const [request, response] of this.waiting.splice(0)) this.serving(request, response);
  }

  /** Stops accepting connections; idle keep-alive ones close now, busy ones when their answer is done. */
  stopAccepting(): void {
    this.server.close();
  }

  /** Ends every connection still open, answered or not (nothing is left to answer them). */
  dropConnections(): void {
    this.server.close();
    this.server.closeAllConnections();
  }
}
