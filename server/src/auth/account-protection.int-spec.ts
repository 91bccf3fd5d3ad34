import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { signUp, TEST_ORIGIN, uniqueEmail, uniqueIp } from '../../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

const post = (server: TestServer, path: string, body: object, ip = uniqueIp()) =>
  request(server.url).post(path).set('Origin', TEST_ORIGIN).set('X-Forwarded-For', ip).send(body);

interface LogLine {
  msg: string;
  mail?: { to: string; subject: string };
}

describe('sign-up does not tell whether an address has an account (REQUIRE_EMAIL_VERIFICATION)', () => {
  const logLines: string[] = [];
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ REQUIRE_EMAIL_VERIFICATION: 'true' }, { logLines });
  });
  afterAll(() => server.close());

  // Development mail (no SMTP_URL) goes to the log, one line per email.
  const mailsTo = (email: string) =>
    logLines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.mail?.to === email).map((l) => l.mail!.subject);

  it('answers a taken address exactly as a new one, and mails its owner instead', async () => {
    const owner = uniqueEmail('owner');
    const body = (email: string) => ({ email, password: 'a good long password', name: 'Someone' });
    const first = await post(server, '/api/auth/sign-up/email', body(owner)).expect(200);
    const again = await post(server, '/api/auth/sign-up/email', body(owner)).expect(200);
    const fresh = await post(server, '/api/auth/sign-up/email', body(uniqueEmail('fresh'))).expect(200);

    const shape = (r: request.Response) => ({
      token: r.body.token,
      sessionHeader: r.headers['set-auth-token'],
      user: Object.keys(r.body.user).sort(),
      emailVerified: r.body.user.emailVerified,
    });
    expect(shape(again)).toEqual(shape(fresh));
    expect(shape(first)).toEqual(shape(fresh));
    expect(shape(fresh)).toMatchObject({ token: null, sessionHeader: undefined, emailVerified: false });

    const deadline = Date.now() + 10_000;
    while (mailsTo(owner).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(mailsTo(owner)).toEqual(['Confirm your email address', 'You already have an account']);

    const client = new pg.Client({ connectionString: server.database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM "user" WHERE email = $1', [owner]);
      expect(rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });
});

describe('sign-up and sign-in limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      AUTH_SIGN_UP_RATE_LIMIT_MAX: '2',
      AUTH_SIGN_UP_RATE_LIMIT_WINDOW_SECONDS: '600',
      AUTH_SIGN_IN_FAILURES_MAX: '3',
      AUTH_SIGN_IN_FAILURES_WINDOW_SECONDS: '600',
    });
  });
  afterAll(() => server.close());

  it('limits sign-ups per client address on their own budget, apart from sign-ins', async () => {
    const ip = uniqueIp();
    const newAccount = () => ({ email: uniqueEmail('burst'), password: 'a good long password', name: 'Burst' });
    const existing = await signUp(server.url);
    await post(server, '/api/auth/sign-up/email', newAccount(), ip).expect(200);
    await post(server, '/api/auth/sign-in/email', { email: existing.email, password: existing.password }, ip).expect(200);
    await post(server, '/api/auth/sign-up/email', newAccount(), ip).expect(200);
    const refused = await post(server, '/api/auth/sign-up/email', newAccount(), ip).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    // Sign-in from the same address still has its own budget; another address can still sign up.
    await post(server, '/api/auth/sign-in/email', { email: existing.email, password: existing.password }, ip).expect(200);
    await post(server, '/api/auth/sign-up/email', newAccount()).expect(200);
  });

  it('throttles an account after repeated failed sign-ins from any addresses, with a code and Retry-After', async () => {
    const victim = await signUp(server.url);
    const bystander = await signUp(server.url);
    for (let i = 0; i < 3; i++) {
      const failed = await post(server, '/api/auth/sign-in/email', { email: victim.email, password: `guess number ${i}` }).expect(401);
      expect(failed.body.code).toBe('INVALID_EMAIL_OR_PASSWORD');
    }
    // Even the right password, from yet another address, waits for the window to end.
    const refused = await post(server, '/api/auth/sign-in/email', { email: victim.email.toUpperCase(), password: victim.password }).expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_FAILED_SIGN_INS' });
    expect(refused.headers['content-type']).toMatch(/application\/json/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(refused.headers['x-retry-after']).toBe(refused.headers['retry-after']);
    expect(refused.headers['set-auth-token']).toBeUndefined();

    // Other accounts are not affected, and successes are not counted as failures.
    for (let i = 0; i < 4; i++) await post(server, '/api/auth/sign-in/email', { email: bystander.email, password: bystander.password }).expect(200);
  });

  it('throttles an address without an account the same way, so the answer tells nothing', async () => {
    const nobody = uniqueEmail('nobody');
    for (let i = 0; i < 3; i++) await post(server, '/api/auth/sign-in/email', { email: nobody, password: `guess number ${i}` }).expect(401);
    const refused = await post(server, '/api/auth/sign-in/email', { email: nobody, password: 'guess number 4' }).expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_FAILED_SIGN_INS' });
  });
});
