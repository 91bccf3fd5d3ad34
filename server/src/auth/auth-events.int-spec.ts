import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signUp, TEST_ORIGIN, uniqueEmail, uniqueIp } from '../../test/auth-helpers.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';

interface LogLine {
  event?: string;
  type?: string;
  outcome?: string;
  email?: string;
  reason?: string;
  method?: string;
  msg: string;
  [key: string]: unknown;
}

describe('auth event log', () => {
  let server: TestServer;
  const logLines: string[] = [];
  const authEvents = () => logLines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.event === 'auth');
  const post = (path: string, body: object, sessionToken?: string) => {
    const req = request(server.url).post(path).set('Origin', TEST_ORIGIN).set('X-Forwarded-For', uniqueIp());
    return (sessionToken ? req.set('Authorization', `Bearer ${sessionToken}`) : req).send(body);
  };

  beforeAll(async () => {
    server = await startTestServer({}, { logLines });
  });
  afterAll(() => server.close());

  it('records the whole account lifecycle without passwords, tokens or full emails', async () => {
    const email = uniqueEmail('lifecycle');
    const user = await signUp(server.url, { email, password: 'first password 123' });
    await post('/api/auth/sign-in/email', { email, password: 'wrong password 123' }).expect(401);
    const signIn = await post('/api/auth/sign-in/email', { email, password: 'first password 123' }).expect(200);
    await post('/api/auth/request-password-reset', { email, redirectTo: `${TEST_ORIGIN}/reset` }).expect(200);

    // Development mail goes to the log (no SMTP_URL): follow the link as the user would.
    const mail = logLines.find((l) => l.includes('Reset your password'));
    const link = /(http:\/\/\S+\/reset-password\/(\S+?)\?callbackURL=\S+)/.exec(JSON.parse(mail!).msg);
    expect(link).not.toBeNull();
    const resetToken = link![2]!;
    await post('/api/auth/reset-password', { token: 'not-a-real-token', newPassword: 'second password 456' }).expect(400);
    await post('/api/auth/reset-password', { token: resetToken, newPassword: 'second password 456' }).expect(200);
    await post('/api/auth/sign-out', {}, signIn.headers['set-auth-token']).expect(200);

    const masked = `${email[0]}***@example.com`;
    expect(authEvents().map(({ type, outcome, email: e, reason }) => ({ type, outcome, email: e, reason }))).toEqual([
      { type: 'sign_up', outcome: 'success', email: masked, reason: undefined },
      { type: 'sign_in', outcome: 'failure', email: masked, reason: 'INVALID_EMAIL_OR_PASSWORD' },
      { type: 'sign_in', outcome: 'success', email: masked, reason: undefined },
      { type: 'password_reset_requested', outcome: 'success', email: masked, reason: undefined },
      { type: 'password_reset_completed', outcome: 'failure', email: undefined, reason: 'INVALID_TOKEN' },
      { type: 'password_reset_completed', outcome: 'success', email: undefined, reason: undefined },
      { type: 'sign_out', outcome: 'success', email: undefined, reason: undefined },
    ]);

    const eventText = authEvents().map((l) => JSON.stringify(l)).join('\n');
    for (const secret of ['first password 123', 'wrong password 123', 'second password 456', email, user.sessionToken, resetToken]) {
      expect(eventText).not.toContain(secret);
    }
    // Outside the development mail line, no log line carries a credential.
    const otherLines = logLines.filter((l) => !l.includes('Reset your password')).join('\n');
    for (const secret of ['first password 123', 'second password 456', user.sessionToken, resetToken]) {
      expect(otherLines).not.toContain(secret);
    }
  });

  it('logs a failed sign-up with its reason', async () => {
    await post('/api/auth/sign-up/email', { email: uniqueEmail(), password: 'short', name: 'S' }).expect(400);
    expect(authEvents().at(-1)).toMatchObject({ type: 'sign_up', outcome: 'failure', reason: 'PASSWORD_TOO_SHORT' });
  });
});
