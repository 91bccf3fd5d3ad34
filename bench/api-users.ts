import { randomBytes } from 'node:crypto';

/** Origin the bench's browser-less clients claim; the server under test lists it in ALLOWED_ORIGINS. */
export const BENCH_ORIGIN = 'http://bench.test';

export interface BenchUser {
  email: string;
  sessionToken: string;
  /** users.id (the API's own id for the Better Auth subject). */
  id: string;
}

async function call(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response;
}

/**
 * A real account, made the way the widget makes one: sign up through Better Auth, exchange the
 * session for a JWT, and let the API create its users row on first sight of the token.
 */
export async function signUpBenchUser(baseUrl: string, label: string): Promise<BenchUser> {
  const email = `bench-${label}-${randomBytes(4).toString('hex')}@example.com`;
  const response = await call(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: BENCH_ORIGIN,
      // Better Auth limits sign-ups per client address; the server trusts loopback's X-Forwarded-For.
      'x-forwarded-for': `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`,
    },
    body: JSON.stringify({ email, password: randomBytes(16).toString('hex'), name: `Bench ${label}` }),
  });
  const sessionToken = response.headers.get('set-auth-token');
  if (!sessionToken) throw new Error('sign-up returned no set-auth-token header');
  const jwt = await fetchJwt(baseUrl, sessionToken);
  const me = (await (await call(`${baseUrl}/users/me`, { headers: { authorization: `Bearer ${jwt}` } })).json()) as { id: string };
  return { email, sessionToken, id: me.id };
}

/** A fresh API JWT for the session (they live JWT_TTL_SECONDS; a full bench outlasts one). */
export async function fetchJwt(baseUrl: string, sessionToken: string): Promise<string> {
  const response = await call(`${baseUrl}/api/auth/token`, { headers: { origin: BENCH_ORIGIN, authorization: `Bearer ${sessionToken}` } });
  return ((await response.json()) as { token: string }).token;
}
