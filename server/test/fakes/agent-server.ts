import { type FakeHandler, type RecordedRequest, startLoopbackServer } from './loopback-server.js';

export interface FakeAgentRoute {
  /** The URL to give the http provider (AGENT_HTTP_URL). */
  url: string;
  /** Requests this route received. */
  requests: RecordedRequest[];
}

export interface FakeAgent {
  /** Adds an endpoint answered by `handler`, which plays the site owner's agent. */
  endpoint(handler: FakeHandler): FakeAgentRoute;
  close(): Promise<void>;
}

/**
 * A site owner's agent for the `http` provider, on a real socket: each endpoint is scripted by its
 * handler, which speaks the contract of docs/agents.md (event stream or JSON).
 */
export async function startFakeAgent(): Promise<FakeAgent> {
  const routes = new Map<string, { handler: FakeHandler; requests: RecordedRequest[] }>();
  const server = await startLoopbackServer(async (request, response) => {
    const route = routes.get(request.path);
    if (!route) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'no such fake route' }));
      return;
    }
    route.requests.push(request);
    await route.handler(request, response);
  });
  return {
    endpoint(handler) {
      const path = `/agent-${routes.size + 1}`;
      const route = { handler, requests: [] as RecordedRequest[] };
      routes.set(path, route);
      return { url: `${server.url}${path}`, requests: route.requests };
    },
    close: () => server.close(),
  };
}
