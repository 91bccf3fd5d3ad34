import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { fetchJwt, TEST_ORIGIN, uniqueEmail, uniqueIp } from '../../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

interface LogLine {
  msg: string;
  mail?: { to: string; subject: string };
}

describe('REQUIRE_EMAIL_VERIFICATION', () => {
  const logLines: string[] = [];
  let strict: TestServer;
  /** A second instance on the same database and public URL, with the setting off. */
  let lax: TestServer;
  beforeAll(async () => {
    strict = await startTestServer({ REQUIRE_EMAIL_VERIFICATION: 'true' }, { logLines });
    lax = await startTestServer({ REQUIRE_EMAIL_VERIFICATION: 'false', PUBLIC_URL: strict.url }, { database: strict.database });
  });
  afterAll(async () => {
    await lax?.close();
    await strict?.close();
  });

  const post = (server: TestServer, path: string, body: object) =>
    request(server.url).post(path).set('Origin', TEST_ORIGIN).set('X-Forwarded-For', uniqueIp()).send(body);
  const run = (server: TestServer, jwt: string) =>
    request(server.url).post('/agents/run').set('Authorization', `Bearer ${jwt}`).send({ message: 'hello' });

  /** The verification link mailed to `email` (development mail goes to the log), waiting for it. */
  async function verificationLink(email: string, nth = 1): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mails = logLines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.mail?.to === email && l.mail.subject === 'Confirm your email address');
      if (mails.length >= nth) return /(http:\/\/\S+\/api\/auth\/verify-email\?\S+)/.exec(mails[nth - 1]!.msg)![1]!;
      if (Date.now() > deadline) throw new Error(`no verification email to ${email}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('signs up without a session, mails a link, refuses sign-in until it is followed, then lets the agent run', async () => {
    const email = uniqueEmail('verify');
    const password = 'a good long password';
    const callbackURL = `${TEST_ORIGIN}/page`;
    const signUp = await post(strict, '/api/auth/sign-up/email', { email, password, name: 'Vera', callbackURL }).expect(200);
    expect(signUp.body.token).toBeNull();
    expect(signUp.headers['set-auth-token']).toBeUndefined();

    const early = await post(strict, '/api/auth/sign-in/email', { email, password }).expect(403);
    expect(early.body.code).toBe('EMAIL_NOT_VERIFIED');

    // The widget's "resend" button: a second link, answered like any other address would be.
    await post(strict, '/api/auth/send-verification-email', { email, callbackURL }).expect(200);
    await post(strict, '/api/auth/send-verification-email', { email: uniqueEmail('nobody'), callbackURL }).expect(200);
    const link = await verificationLink(email, 2);

    const followed = await request(strict.url).get(new URL(link).pathname + new URL(link).search).expect(302);
    expect(followed.headers.location).toBe(callbackURL);

    const signIn = await post(strict, '/api/auth/sign-in/email', { email, password }).expect(200);
    const jwt = await fetchJwt(strict.url, signIn.headers['set-auth-token']);
    expect(decodeJwt(jwt)).toMatchObject({ email, emailVerified: true });
    await run(strict, jwt).expect(200);
  });

  it('refuses the agent to an unverified account with 403 EMAIL_NOT_VERIFIED, only where the setting is on', async () => {
    // Signed up where verification is off: a session and a JWT that says the address is unconfirmed.
    const signUp = await post(lax, '/api/auth/sign-up/email', { email: uniqueEmail('unverified'), password: 'a good long password', name: 'Una' }).expect(200);
    const jwt = await fetchJwt(lax.url, signUp.headers['set-auth-token']);
    expect(decodeJwt(jwt)).toMatchObject({ emailVerified: false });

    const refused = await run(strict, jwt).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'EMAIL_NOT_VERIFIED' });
    // Reading is not refused, and nothing was stored by the refused run.
    const list = await request(strict.url).get('/conversations').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(list.body.items).toEqual([]);

    await run(lax, jwt).expect(200);
  });
});
