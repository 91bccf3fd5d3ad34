/**
 * What `POST /api/auth/sign-in/host` costs: sign-ins per CPU-second of the server and PostgreSQL
 * together (each a verified HS256 token, its jti spent, the host user found, a session created and
 * Better Auth's per-address counter written), so the figure is per core whatever else the machine
 * does. Part of `npm run bench`; alone: npm run bench:host-sign-in
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { BENCH_ORIGIN } from './api-users.js';
import { load, warmUp } from './load.js';
import { type ChildServer, CpuMeter } from './processes.js';
import { int, latencyText, ms, type Row } from './report.js';

const HOST = { issuer: 'https://shop.bench.test', audience: 'https://chat.bench.test' };

/** Signs like a host backend would (HS256, five minutes, a fresh jti); one of `users` host users. */
function identityTokens(secret: string, users: number) {
  let n = 0;
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  return () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = encode({ sub: `bench-host-user-${n++ % users}`, name: 'Bench shopper', iss: HOST.issuer, aud: HOST.audience, iat: now, exp: now + 300, jti: randomUUID() });
    return `${header}.${payload}.${createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')}`;
  };
}

/** A client address per request, so Better Auth's sign-in limit (3 per 10 s per address) sees distinct visitors. */
function addresses() {
  let n = 0;
  return () => {
    n++;
    return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
  };
}

export async function measureHostSignIn(options: {
  startServer(env: Record<string, string>): Promise<ChildServer>;
  postgresDataDir: string;
  seconds: number;
  log(line: string): void;
}): Promise<Row[]> {
  const secret = randomBytes(32).toString('base64');
  const server = await options.startServer({ AUTH_MODES: 'host', HOST_IDENTITY_SECRET: secret, HOST_IDENTITY_ISSUER: HOST.issuer, HOST_IDENTITY_AUDIENCE: HOST.audience, ALLOWED_ORIGINS: BENCH_ORIGIN });
  try {
    const token = identityTokens(secret, 1000);
    const address = addresses();
    const request = {
      method: 'POST' as const,
      path: '/api/auth/sign-in/host',
      headersFor: () => ({ 'content-type': 'application/json', origin: BENCH_ORIGIN, 'x-forwarded-for': address() }),
      bodyFor: () => JSON.stringify({ token: token() }),
    };
    // The warm-up also makes the 1,000 host users, so the measured sign-ins are returning users.
    for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, () => fetch(`${server.url}${request.path}`, { method: 'POST', headers: request.headersFor(), body: request.bodyFor() })));
    await warmUp(server.url, request, 4);
    const result = await load(server.url, request, { connections: 8, seconds: options.seconds, cpu: new CpuMeter(server.pid, options.postgresDataDir) });
    options.log(`host sign-in: ${int(result.requestsPerSecond)} /s, ${int(result.perTotalCpuSecond ?? NaN)} per core, ${latencyText(result.latency)} (errors ${result.errors})`);
    return [
      {
        section: 'Auth',
        figure: 'POST /api/auth/sign-in/host (returning host user, HS256): sign-ins per core, server + PostgreSQL CPU',
        result: `${int(result.perTotalCpuSecond ?? NaN)} /s per core (${int(result.perServerCpuSecond ?? NaN)} /s per server core); CPU per sign-in ${ms(result.serverCpuMs ?? NaN)} server + ${ms(result.databaseCpuMs ?? NaN)} PostgreSQL; ${int(result.requestsPerSecond)} /s at 8 connections, ${latencyText(result.latency)}${result.errors ? `; ${result.errors} failed` : ''}`,
      },
    ];
  } finally {
    await server.stop();
  }
}
