import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signedInClient, type SignedInClient } from '../test/api-client.js';
import { TEST_ORIGIN, uniqueIp } from '../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { BAD_HEADERS, BAD_IDS, BAD_QUERIES, type BadRequest, badBodies } from './bad-input-corpus.js';
import { report, tally } from './figures.js';

interface Route {
  method: string;
  path: string;
}

// Better Auth's routes the widget uses (they are not in our OpenAPI document).
const AUTH_ROUTES: Route[] = [
  { method: 'POST', path: '/api/auth/sign-up/email' },
  { method: 'POST', path: '/api/auth/sign-in/email' },
  { method: 'POST', path: '/api/auth/sign-out' },
  { method: 'POST', path: '/api/auth/request-password-reset' },
  { method: 'POST', path: '/api/auth/reset-password' },
  { method: 'GET', path: '/api/auth/get-session' },
  { method: 'GET', path: '/api/auth/token' },
  { method: 'GET', path: '/api/auth/jwks' },
];

interface Outcome {
  route: string;
  label: string;
  status: number;
  problem?: string;
}

/** A 4xx must carry the JSON error shape; our own routes add statusCode (Better Auth's do not). */
function problemWith(route: Route, status: number, contentType: string, text: string): string | undefined {
  if (status >= 500) return `status ${status}: ${text.slice(0, 200)}`;
  if (status < 400) return undefined;
  if (!contentType.includes('application/json')) return `non-JSON ${status} (${contentType})`;
  let body: { statusCode?: unknown; code?: unknown; message?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return `unparseable JSON ${status}`;
  }
  if (typeof body.message !== 'string' || (typeof body.code !== 'string' && !route.path.startsWith('/api/auth'))) return `error body without code/message: ${text.slice(0, 200)}`;
  if (!route.path.startsWith('/api/auth') && body.statusCode !== status) return `statusCode ${String(body.statusCode)} ≠ ${status}`;
  return undefined;
}

describe('bad-input sweep', () => {
  let server: TestServer;
  let client: SignedInClient;
  let conversationId: string;
  let routes: Route[];

  beforeAll(async () => {
    server = await startTestServer({ AGENT_RATE_LIMIT: '100000', AUTH_RATE_LIMIT_MAX: '100000' });
    client = await signedInClient(server.url);
    conversationId = (await client.post('/agents/run', { message: 'the conversation under attack' }).expect(200)).body.conversation.id;
    const openapi = (await (await fetch(`${server.url}/api/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    routes = [
      ...Object.entries(openapi.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ':$1') })),
      ),
      ...AUTH_ROUTES,
      { method: 'GET', path: '/metrics' },
    ];
  });
  afterAll(() => server?.close());

  /** Every malformed request for one route: bodies, headers, ids and queries, signed in or not. */
  function requestsFor(route: Route): BadRequest[] {
    const withId = (id: string) => route.path.replace(':id', id);
    const path = withId(conversationId);
    const requests: BadRequest[] = [];
    if (route.path.includes(':id')) requests.push(...BAD_IDS.map((id) => ({ label: `id ${id.slice(0, 30)}`, path: withId(id) })));
    if (route.method === 'GET') requests.push(...BAD_QUERIES.map((query) => ({ label: `query ${query.slice(0, 40)}`, path, query })));
    if (route.method !== 'GET' && route.method !== 'DELETE') requests.push(...badBodies().map((b) => ({ ...b, path, kind: 'body' as const })));
    requests.push(...BAD_HEADERS.map((headers) => ({ label: `header ${Object.keys(headers)[0]}`, path, headers, body: route.method === 'GET' ? undefined : '{}' })));
    return requests;
  }

  async function send(route: Route, bad: BadRequest, signedIn: boolean): Promise<Outcome> {
    const url = `${server.url}${bad.path ?? route.path}${bad.query ? `?${bad.query}` : ''}`;
    // A client address of its own per request, so Better Auth's per-address limit does not answer for the validation.
    const headers: Record<string, string> = { origin: TEST_ORIGIN, 'x-forwarded-for': uniqueIp(), ...(signedIn ? { authorization: `Bearer ${client.jwt}` } : {}), ...bad.headers };
    if (bad.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const label = `${signedIn ? 'signed in' : 'anonymous'}: ${bad.label}`;
    try {
      const response = await fetch(url, { method: route.method, headers, body: Buffer.isBuffer(bad.body) ? new Uint8Array(bad.body) : bad.body, signal: AbortSignal.timeout(15_000) });
      const text = await response.text();
      return { route: `${route.method} ${route.path}`, label, status: response.status, problem: problemWith(route, response.status, response.headers.get('content-type') ?? '', text) };
    } catch (error) {
      return { route: `${route.method} ${route.path}`, label, status: 0, problem: `no response: ${String((error as Error).cause ?? error)}` };
    }
  }

  it('answers every malformed request to every route with a 4xx JSON error (or a success), never a 5xx', async () => {
    // Deleting the conversation under attack would change what later requests see: it goes last.
    const ordered = [...routes].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    const outcomes: Outcome[] = [];
    for (const route of ordered) {
      // Bodies matter where they are read: signed in on our routes, anonymous on Better Auth's.
      const bodyAs = !route.path.startsWith('/api/auth');
      const jobs = requestsFor(route).flatMap((bad) =>
        (bad.kind === 'body' ? [bodyAs] : [true, false]).map((signedIn) => () => send(route, bad, signedIn)),
      );
      for (let i = 0; i < jobs.length; i += 8) outcomes.push(...(await Promise.all(jobs.slice(i, i + 8).map((job) => job()))));
    }
    const problems = outcomes.filter((o) => o.problem);
    report('bad-input sweep', { routes: routes.length, requests: outcomes.length, byStatus: tally(outcomes.map((o) => o.status)), problems: problems.length });
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(problems).toEqual([]);
    // The server is still well after the sweep.
    await client.get('/users/me').expect(200);
  });
});
