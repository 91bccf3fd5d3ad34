import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { apiClient, guestClient, signedInClient } from '../../../test/api-client.js';
import { fetchJwt, signUp, TEST_ORIGIN, uniqueEmail, uniqueIp } from '../../../test/auth-helpers.js';
import { hostToken, signInHost, TEST_HOST_ENV } from '../../../test/host-identity.js';
import { queryRows } from '../../../test/test-database.js';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

type LogLine = { event?: string; type?: string; outcome?: string; userId?: string; guestId?: string; conversations?: number; method?: string };

/** A Better Auth call carrying a session token as the widget sends it (bearer), from its own address. */
function authPost(server: TestServer, path: string, body: object, sessionToken?: string) {
  const req = request(server.url).post(path).set('Origin', TEST_ORIGIN).set('X-Forwarded-For', uniqueIp());
  return (sessionToken ? req.set('Authorization', `Bearer ${sessionToken}`) : req).send(body);
}

async function conversationTitles(client: ReturnType<typeof apiClient>): Promise<string[]> {
  const { body } = await client.get('/conversations').expect(200);
  return (body.items as Array<{ title: string }>).map((c) => c.title).sort();
}

describe('guests (AUTH_MODES=guest)', () => {
  let server: TestServer;
  const logLines: string[] = [];
  const mergeEvents = () =>
    logLines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.event === 'auth' && l.type === 'guest_merged');

  beforeAll(async () => {
    server = await startTestServer(
      { AUTH_MODES: 'guest,password,social', GUEST_AGENT_RATE_LIMIT: '3', AGENT_RATE_LIMIT: '1000', AUTH_SIGN_UP_RATE_LIMIT_MAX: '1000' },
      { logLines },
    );
  });
  afterAll(() => server.close());

  it('signs a visitor in as a guest whose token says so, and keeps its conversations like anyone’s', async () => {
    const guest = await guestClient(server.url);
    expect(decodeJwt(guest.jwt)).toMatchObject({ sub: guest.guest.userId, isAnonymous: true, email: null, name: null });
    const { body } = await guest.post('/agents/run', { message: 'What is a guest?' }).expect(200);
    expect(body.assistantMessage.status).toBe('complete');
    // A reload: a new JWT from the same guest session sees the same history.
    const again = apiClient(server.url, await fetchJwt(server.url, guest.guest.sessionToken));
    expect(await conversationTitles(again)).toEqual(['What is a guest?']);
    const member = await signedInClient(server.url);
    expect(decodeJwt(member.jwt)).toMatchObject({ isAnonymous: false });
    expect(logLines.map((l) => JSON.parse(l) as LogLine)).toContainEqual(
      expect.objectContaining({ event: 'auth', type: 'sign_in', outcome: 'success', method: 'anonymous', userId: guest.guest.userId }),
    );
  });

  it('refuses a second anonymous sign-in from a guest that has one, and deleting a guest on request', async () => {
    const guest = await guestClient(server.url);
    const again = await authPost(server, '/api/auth/sign-in/anonymous', {}, guest.guest.sessionToken).expect(400);
    expect(again.body).toMatchObject({ code: 'ANONYMOUS_USERS_CANNOT_SIGN_IN_AGAIN_ANONYMOUSLY' });
    const deletion = await authPost(server, '/api/auth/delete-anonymous-user', {}, guest.guest.sessionToken).expect(400);
    expect(deletion.body).toMatchObject({ code: 'DELETE_ANONYMOUS_USER_DISABLED' });
  });

  it('gives guests their own, lower, agent-run limit (GUEST_AGENT_RATE_LIMIT)', async () => {
    const guest = await guestClient(server.url);
    for (let i = 0; i < 3; i++) await guest.post('/agents/run', { message: `guest ${i}` }).expect(200);
    const refused = await guest.post('/agents/run', { message: 'one too many' }).expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    const member = await signedInClient(server.url);
    for (let i = 0; i < 4; i++) await member.post('/agents/run', { message: `member ${i}` }).expect(200);
  });

  it('moves the guest’s conversations to the account it signs up for, audits it, and deletes the guest', async () => {
    const guest = await guestClient(server.url);
    await guest.post('/agents/run', { message: 'Before signing up' }).expect(200);
    await guest.post('/agents/run', { message: 'A second question' }).expect(200);

    const signedUp = await authPost(server, '/api/auth/sign-up/email', { email: uniqueEmail('merge'), password: 'correct horse battery staple', name: 'Merged' }, guest.guest.sessionToken).expect(200);
    const account = apiClient(server.url, await fetchJwt(server.url, signedUp.headers['set-auth-token']));
    expect(await conversationTitles(account)).toEqual(['A second question', 'Before signing up']);
    const { body } = await account.get('/conversations').expect(200);
    const thread = await account.get(`/conversations/${body.items[0].id}`).expect(200);
    expect(thread.body.messages.length).toBe(2);

    // The guest is gone: its session, its token and its Better Auth row.
    const revoked = await guest.get('/conversations').expect(401);
    expect(revoked.body).toMatchObject({ code: 'TOKEN_REVOKED' });
    await request(server.url).get('/api/auth/token').set('Origin', TEST_ORIGIN).set('Authorization', `Bearer ${guest.guest.sessionToken}`).expect(401);
    expect(await count(server, `SELECT count(*) FROM "user" WHERE id = $1`, [guest.guest.userId])).toBe(0);
    expect(await count(server, `SELECT count(*) FROM users WHERE auth_subject = $1`, [guest.guest.userId])).toBe(0);
    expect(mergeEvents()).toContainEqual(
      expect.objectContaining({ outcome: 'success', method: 'email', guestId: guest.guest.userId, userId: signedUp.body.user.id, conversations: 2 }),
    );
  });

  it('merges on a password sign-in into an account that has conversations of its own, the guest’s ratings included', async () => {
    const member = await signUp(server.url);
    const memberClient = apiClient(server.url, await fetchJwt(server.url, member.sessionToken));
    await memberClient.post('/agents/run', { message: 'Mine from before' }).expect(200);
    const guest = await guestClient(server.url);
    const asked = await guest.post('/agents/run', { message: 'Asked as a guest' }).expect(200);
    const answerId = asked.body.assistantMessage.id as string;
    // The guest rates the answer (as the feedback route will store it).
    await query(server, `INSERT INTO message_feedback (message_id, user_id, rating) SELECT $1, user_id, 'up' FROM messages WHERE id = $1`, [answerId]);

    const signedIn = await authPost(server, '/api/auth/sign-in/email', { email: member.email, password: member.password }, guest.guest.sessionToken).expect(200);
    const account = apiClient(server.url, await fetchJwt(server.url, signedIn.headers['set-auth-token']));
    expect(await conversationTitles(account)).toEqual(['Asked as a guest', 'Mine from before']);
    const rater = `SELECT count(*) FROM message_feedback f JOIN users u ON u.id = f.user_id WHERE f.message_id = $1 AND u.auth_subject = $2`;
    expect(await count(server, rater, [answerId, member.userId])).toBe(1);
  });

  it('lets a second guest claim only its own conversations, never the first guest’s', async () => {
    const first = await guestClient(server.url);
    await first.post('/agents/run', { message: 'First guest secret' }).expect(200);
    const second = await guestClient(server.url);
    await second.post('/agents/run', { message: 'Second guest question' }).expect(200);

    const signedUp = await authPost(server, '/api/auth/sign-up/email', { email: uniqueEmail('second'), password: 'correct horse battery staple', name: 'Second' }, second.guest.sessionToken).expect(200);
    const account = apiClient(server.url, await fetchJwt(server.url, signedUp.headers['set-auth-token']));
    expect(await conversationTitles(account)).toEqual(['Second guest question']);
    const firstsConversation = (await first.get('/conversations').expect(200)).body.items[0].id;
    await account.get(`/conversations/${firstsConversation}`).expect(404);
    // The first guest still has its own, and still signs in.
    expect(await conversationTitles(first)).toEqual(['First guest secret']);

    // Knowing the first guest's user id (it is in its JWT) or an unsigned session token claims nothing.
    const forged = await authPost(server, '/api/auth/sign-up/email', { email: uniqueEmail('forger'), password: 'correct horse battery staple', name: 'Forger' }, first.guest.userId).expect(200);
    const forger = apiClient(server.url, await fetchJwt(server.url, forged.headers['set-auth-token']));
    expect(await conversationTitles(forger)).toEqual([]);
    expect(await conversationTitles(first)).toEqual(['First guest secret']);
  });

  it('merges after a sign-in that did not carry the guest (social, in a popup) when the account hands over the guest’s JWT', async () => {
    const guest = await guestClient(server.url);
    await guest.post('/agents/run', { message: 'Asked before the popup' }).expect(200);
    const member = await signedInClient(server.url);
    await member.post('/agents/run', { message: 'The account’s own' }).expect(200);

    const merged = await member.post('/users/me/guest-merge', { guestToken: guest.jwt }).expect(200);
    expect(merged.body).toEqual({ conversations: 1 });
    expect(await conversationTitles(member)).toEqual(['Asked before the popup', 'The account’s own']);
    expect(mergeEvents()).toContainEqual(expect.objectContaining({ outcome: 'success', method: 'guest-token', guestId: guest.guest.userId, userId: member.user.userId }));
    // The guest is gone with the move: its token claims nothing a second time.
    const again = await member.post('/users/me/guest-merge', { guestToken: guest.jwt }).expect(403);
    expect(again.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('refuses a merge with anything but a live guest’s token, and from a guest', async () => {
    const guest = await guestClient(server.url);
    await guest.post('/agents/run', { message: 'Not to be taken' }).expect(200);
    const member = await signedInClient(server.url);
    const other = await signedInClient(server.url);
    // Another account's token, a forged one (the guest's claims, signature of another token), none, a guest calling.
    await member.post('/users/me/guest-merge', { guestToken: other.jwt }).expect(403);
    const [header, payload] = guest.jwt.split('.');
    await member.post('/users/me/guest-merge', { guestToken: `${header}.${payload}.${other.jwt.split('.')[2]}` }).expect(403);
    expect((await member.post('/users/me/guest-merge', {}).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const otherGuest = await guestClient(server.url);
    await otherGuest.post('/users/me/guest-merge', { guestToken: guest.jwt }).expect(403);
    await request(server.url).post('/users/me/guest-merge').send({ guestToken: guest.jwt }).expect(401);
    expect(await conversationTitles(guest)).toEqual(['Not to be taken']);
  });

  it('merges exactly once when one guest signs up twice at the same moment', async () => {
    const guest = await guestClient(server.url);
    await guest.post('/agents/run', { message: 'Raced question' }).expect(200);
    const signUps = await Promise.all(
      ['race-a', 'race-b', 'race-c'].map((prefix) =>
        authPost(server, '/api/auth/sign-up/email', { email: uniqueEmail(prefix), password: 'correct horse battery staple', name: 'Racer' }, guest.guest.sessionToken),
      ),
    );
    expect(signUps.map((r) => r.status)).toEqual([200, 200, 200]);
    const titles = await Promise.all(
      signUps.map(async (r) => conversationTitles(apiClient(server.url, await fetchJwt(server.url, r.headers['set-auth-token'])))),
    );
    expect(titles.flat()).toEqual(['Raced question']);
    expect(mergeEvents().filter((e) => e.guestId === guest.guest.userId)).toHaveLength(1);
    expect(await count(server, `SELECT count(*) FROM conversations WHERE title = 'Raced question'`)).toBe(1);
  });
});

describe('guests and the host site’s login (AUTH_MODES=guest,host)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ...TEST_HOST_ENV, AUTH_MODES: 'guest,host' });
  });
  afterAll(() => server.close());

  it('moves the guest’s conversations to the host user the host then signs in', async () => {
    const guest = await guestClient(server.url);
    await guest.post('/agents/run', { message: 'Asked before logging in to the shop' }).expect(200);
    const signedIn = await signInHost(server.url, await hostToken({ sub: 'shop-customer-7' }), { authorization: `Bearer ${guest.guest.sessionToken}` }).expect(200);
    const account = apiClient(server.url, await fetchJwt(server.url, signedIn.headers['set-auth-token']));
    expect(await conversationTitles(account)).toEqual(['Asked before logging in to the shop']);
    await guest.get('/conversations').expect(401);
  });
});

describe('guests off (the default AUTH_MODES=password,social)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers the guest sign-in with a JSON 404 and makes no user', async () => {
    const refused = await authPost(server, '/api/auth/sign-in/anonymous', {});
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(refused.headers['set-auth-token']).toBeUndefined();
    expect(await count(server, `SELECT count(*) FROM "user"`)).toBe(0);
  });
});

describe('guests only (AUTH_MODES=guest), with REQUIRE_EMAIL_VERIFICATION on', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ AUTH_MODES: 'guest', GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 'secret', REQUIRE_EMAIL_VERIFICATION: 'true' });
  });
  afterAll(() => server.close());

  it('refuses email sign-up and sign-in with a JSON 4xx, offers no social provider, and still lets guests in', async () => {
    const signUpRefused = await authPost(server, '/api/auth/sign-up/email', { email: uniqueEmail(), password: 'correct horse battery staple', name: 'No' });
    expect(signUpRefused.status).toBeGreaterThanOrEqual(400);
    expect(signUpRefused.status).toBeLessThan(500);
    expect(signUpRefused.body.code).toEqual(expect.any(String));
    const signInRefused = await authPost(server, '/api/auth/sign-in/email', { email: uniqueEmail(), password: 'correct horse battery staple' });
    expect(signInRefused.status).toBeGreaterThanOrEqual(400);
    expect(signInRefused.status).toBeLessThan(500);
    const config = await request(server.url).get('/config').expect(200);
    expect(config.body).toMatchObject({ authModes: ['guest'], providers: [] });
    const social = await authPost(server, '/api/auth/sign-in/social', { provider: 'github' });
    expect(social.status).toBeGreaterThanOrEqual(400);
    expect(social.status).toBeLessThan(500);
    // A guest has no address to confirm: the owner let guests in, and they chat.
    const guest = await guestClient(server.url);
    await guest.post('/agents/run', { message: 'No email needed?' }).expect(200);
  });
});

const query = (server: TestServer, sql: string, params: unknown[] = []) => queryRows(server.database.url, sql, params);

async function count(server: TestServer, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await query(server, sql, params))[0]!.count);
}
