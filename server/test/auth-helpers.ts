import { randomBytes } from 'node:crypto';
import request from 'supertest';

export const TEST_ORIGIN = 'http://host.test';

export interface TestUser {
  email: string;
  password: string;
  name: string;
  sessionToken: string;
  userId: string;
}

/** A distinct documentation-range client address, so Better Auth's per-IP limits see distinct clients. */
export function uniqueIp(): string {
  const [a, b] = randomBytes(2);
  return `198.18.${a}.${b}`;
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.com`;
}

/** Signs a new user up through Better Auth, as the widget does (trusted Origin, bearer session token). */
export async function signUp(baseUrl: string, overrides: Partial<Pick<TestUser, 'email' | 'password' | 'name'>> = {}): Promise<TestUser> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? 'correct horse battery staple';
  const name = overrides.name ?? 'Test User';
  const response = await request(baseUrl)
    .post('/api/auth/sign-up/email')
    .set('Origin', TEST_ORIGIN)
    .set('X-Forwarded-For', uniqueIp())
    .send({ email, password, name })
    .expect(200);
  const sessionToken = response.headers['set-auth-token'];
  if (!sessionToken) throw new Error('sign-up returned no set-auth-token header');
  return { email, password, name, sessionToken, userId: response.body.user.id };
}

/** Exchanges a session token for a short-lived API JWT at /api/auth/token. */
export async function fetchJwt(baseUrl: string, sessionToken: string): Promise<string> {
  const response = await request(baseUrl)
    .get('/api/auth/token')
    .set('Origin', TEST_ORIGIN)
    .set('Authorization', `Bearer ${sessionToken}`)
    .expect(200);
  return response.body.token as string;
}

export interface TestGuest {
  sessionToken: string;
  userId: string;
}

/** Signs in as a new anonymous user (AUTH_MODES=guest), as the widget does on a guest's first send. */
export async function signInAsGuest(baseUrl: string): Promise<TestGuest> {
  const response = await request(baseUrl)
    .post('/api/auth/sign-in/anonymous')
    .set('Origin', TEST_ORIGIN)
    .set('X-Forwarded-For', uniqueIp())
    .send({})
    .expect(200);
  const sessionToken = response.headers['set-auth-token'];
  if (!sessionToken) throw new Error('guest sign-in returned no set-auth-token header');
  return { sessionToken, userId: response.body.user.id };
}
