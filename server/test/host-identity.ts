import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { TEST_ORIGIN, uniqueIp } from './auth-helpers.js';

/** The host site's settings in the tests: what its backend and the chat server share. */
export const TEST_HOST = {
  secret: 'host-site-test-secret-0123456789abcdef',
  issuer: 'https://shop.example',
  audience: 'https://chat.example',
} as const;

export const TEST_HOST_ENV = {
  AUTH_MODES: 'password,social,host',
  HOST_IDENTITY_SECRET: TEST_HOST.secret,
  HOST_IDENTITY_ISSUER: TEST_HOST.issuer,
  HOST_IDENTITY_AUDIENCE: TEST_HOST.audience,
};

/**
 * An identity token as the host's backend signs it (HS256, five minutes, a fresh `jti`). `claims`
 * override the defaults; a claim set to undefined is left out.
 */
export async function hostToken(claims: Record<string, unknown> = {}, { secret = TEST_HOST.secret }: { secret?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: `host-user-${randomUUID()}`, iss: TEST_HOST.issuer, aud: TEST_HOST.audience, iat: now, exp: now + 300, jti: randomUUID(), ...claims };
  const present = Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));
  // Signed with node:crypto rather than jose, so the widget's tests (in happy-dom) can make tokens too.
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(present)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** POST /api/auth/sign-in/host as the widget sends it. */
export function signInHost(baseUrl: string, token: unknown, headers: Record<string, string> = {}) {
  const call = request(baseUrl).post('/api/auth/sign-in/host').set('Origin', TEST_ORIGIN).set('X-Forwarded-For', uniqueIp());
  for (const [name, value] of Object.entries(headers)) void call.set(name, value);
  return call.send({ token });
}
