import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { signedInClient, type SignedInClient } from '../test/api-client.js';
import pg from 'pg';
import { grantAdminRole } from '../src/admin/admin-roles.store.js';
import { fetchJwt, signUp, TEST_ORIGIN, uniqueIp } from '../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { BAD_HEADERS, BAD_IDS, BAD_QUERIES, type BadRequest, badBodies } from './bad-input-corpus.js';
import { report, tally } from './figures.js';
import { sweptRoutes, type SweptRoute, UNKNOWN_AUTH_PATH } from './swept-routes.js';

interface Outcome {
  route: string;
  label: string;
  status: number;
  problem?: string;
}

/** Methods that carry a body a handler reads. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Requests in flight at once: enough to keep the server busy, few enough for a shared machine. */
const CONCURRENCY = 12;

/** An error must carry the JSON error shape with a code; our own routes add statusCode too. */
function problemWith(route: SweptRoute, status: number, contentType: string, text: string): string | undefined {
  if (status >= 500) return `status ${status}: ${text.slice(0, 200)}`;
  if (status < 400) return undefined;
  if (!contentType.includes('application/json')) return `non-JSON ${status} (${contentType}): ${text.slice(0, 100)}`;
  let body: { statusCode?: unknown; code?: unknown; message?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return `unparseable JSON ${status}`;
  }
  if (typeof body.code !== 'string' || !body.code || typeof body.message !== 'string') return `error body without code/message: ${text.slice(0, 200)}`;
  if (route.owner === 'api' && body.statusCode !== status) return `statusCode ${String(body.statusCode)} ≠ ${status}`;
  return undefined;
}

/** Sent with node:http rather than fetch: any method (TRACE, PROPFIND…) and the path exactly as written. */
function sendRaw(base: URL, path: string, method: string, headers: Record<string, string>, body: string | Buffer | undefined) {
  return new Promise<{ status: number; contentType: string; text: string }>((resolve, reject) => {
    const req = httpRequest({ hostname: base.hostname, port: base.port, path, method, headers, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

describe('bad-input sweep', () => {
  let server: TestServer;
  let client: SignedInClient;
  let conversationId: string;
  let routes: SweptRoute[];
  /** The console's routes refuse anyone else with 403 before reading the request: an admin's token reaches their validation. */
  let adminJwt: string;

  beforeAll(async () => {
    // Every way in on, so every route any of them adds is swept (guests: the anonymous plugin's).
    server = await startTestServer({ AGENT_RATE_LIMIT: '100000', AUTH_RATE_LIMIT_MAX: '100000', AUTH_MODES: 'guest,password,social,host' });
    client = await signedInClient(server.url);
    conversationId = (await client.post('/agents/run', { message: 'the conversation under attack' }).expect(200)).body.conversation.id;
    routes = sweptRoutes(server.app);
    const admin = await signUp(server.url);
    const pool = new pg.Pool({ connectionString: server.database.url, max: 1 });
    await grantAdminRole(pool, admin.email).finally(() => pool.end());
    adminJwt = await fetchJwt(server.url, admin.sessionToken);
  });
  afterAll(() => server?.close());

  /** A route's path with its parameters (`:name`, `*`) set to `value`, or to a usable value. */
  function fill(route: SweptRoute, value?: string): string {
    const usable = (name: string) => (route.owner === 'api' && name === 'id' ? conversationId : name === 'id' ? 'github' : 'missing');
    // What an HTTP client would escape (spaces, quotes, non-ASCII); the rest goes as written.
    const escaped = value?.replace(/[^\x21-\x7e]|['"<>`{|}\\^]/g, (c) => encodeURIComponent(c));
    return route.path.replace(/:(\w+)|\*/g, (_match, name: string | undefined) => escaped ?? usable(name ?? '*'));
  }

  /** Every malformed request for one route: parameters, queries, bodies and headers. */
  function requestsFor(route: SweptRoute): BadRequest[] {
    const path = fill(route);
    // The catch-all's other methods and paths all reach Better Auth's one "no such endpoint" answer.
    if (route.path === UNKNOWN_AUTH_PATH) return [{ label: 'no such endpoint', path }, { label: 'no such endpoint, with a body', path, body: '{}' }];
    const requests: BadRequest[] = [];
    if (/:\w+|\*/.test(route.path)) requests.push(...BAD_IDS.map((id) => ({ label: `param ${id.slice(0, 30)}`, path: fill(route, id) })));
    if (route.method === 'GET') requests.push(...BAD_QUERIES.map((query) => ({ label: `query ${query.slice(0, 40)}`, path, query })));
    if (BODY_METHODS.has(route.method) && route.path !== UNKNOWN_AUTH_PATH) requests.push(...badBodies().map((b) => ({ ...b, path, kind: 'body' as const })));
    requests.push(...BAD_HEADERS.map((headers) => ({ label: `header ${Object.keys(headers)[0]}`, path, headers, body: BODY_METHODS.has(route.method) ? '{}' : undefined })));
    return requests;
  }

  async function send(route: SweptRoute, bad: BadRequest, credential: string | null): Promise<Outcome> {
    const path = `${bad.path ?? route.path}${bad.query ? `?${bad.query}` : ''}`;
    // A client address of its own per request, so Better Auth's per-address limit does not answer for the validation.
    const headers: Record<string, string> = { origin: TEST_ORIGIN, 'x-forwarded-for': uniqueIp(), ...(credential ? { authorization: `Bearer ${credential}` } : {}), ...bad.headers };
    if (bad.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const label = `${credential ? 'signed in' : 'anonymous'}: ${bad.label}`;
    const name = `${route.method} ${route.path}`;
    try {
      const response = await sendRaw(new URL(server.url), path, route.method, headers, bad.body);
      return { route: name, label, status: response.status, problem: problemWith(route, response.status, response.contentType, response.text) };
    } catch (error) {
      return { route: name, label, status: 0, problem: `no response: ${String(error)}` };
    }
  }

  /** Our routes take the JWT; each Better Auth route gets a user of its own, since some end sessions or change the user. */
  async function credentialFor(route: SweptRoute): Promise<string> {
    // Deleting the account would end the shared user, whom the checks after the sweep still need.
    if (route.method === 'DELETE' && route.path === '/users/me') return (await signedInClient(server.url)).jwt;
    if (route.owner === 'api') return route.path.startsWith('/admin/api/') ? adminJwt : client.jwt;
    return (await signUp(server.url)).sessionToken;
  }

  it('answers every malformed request to every route with a JSON error with a code (or a success), never a 5xx', async () => {
    // Deleting the conversation under attack would change what later requests see: it goes last.
    const ordered = [...routes].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    const outcomes: Outcome[] = [];
    const started = Date.now();
    for (const route of ordered) {
      const credential = await credentialFor(route);
      // Bodies are sent signed in (a session does not stop sign-up or sign-in from reading them); the rest both ways.
      const jobs = requestsFor(route).flatMap((bad) => (bad.kind === 'body' ? [credential] : [credential, null]).map((as) => () => send(route, bad, as)));
      for (let i = 0; i < jobs.length; i += CONCURRENCY) outcomes.push(...(await Promise.all(jobs.slice(i, i + CONCURRENCY).map((job) => job()))));
    }
    const problems = outcomes.filter((o) => o.problem);
    report('bad-input sweep', {
      routes: routes.length,
      betterAuthRoutes: routes.filter((r) => r.owner === 'better-auth').length,
      requests: outcomes.length,
      byStatus: tally(outcomes.map((o) => o.status)),
      seconds: Math.round((Date.now() - started) / 1000),
      problems: problems.length,
      problemsByRoute: tally(problems.map((p) => p.route)),
    });
    // A few of each route's problems, to start fixing from.
    const samples = problems.filter((p, i) => problems.findIndex((q) => q.route === p.route) > i - 3);
    // The list comes from the routers: our controllers and Better Auth's endpoints must both be in it.
    expect(routes).toEqual(expect.arrayContaining([
      { method: 'POST', path: '/agents/run', owner: 'api' },
      { method: 'DELETE', path: '/conversations/:id', owner: 'api' },
      { method: 'POST', path: '/api/auth/sign-in/email', owner: 'better-auth' },
      { method: 'POST', path: '/api/auth/sign-in/anonymous', owner: 'better-auth' },
      { method: 'GET', path: '/api/auth/reset-password/:token', owner: 'better-auth' },
      { method: 'POST', path: '/api/auth/sign-in/host', owner: 'better-auth' },
      { method: 'GET', path: '/users/me/export', owner: 'api' },
      { method: 'DELETE', path: '/users/me', owner: 'api' },
    ]));
    expect(samples).toEqual([]);
    // The server is still well after the sweep.
    await client.get('/users/me').expect(200);
  }, 600_000);
});
