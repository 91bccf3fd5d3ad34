import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { fetchJwt, signUp, type TestUser } from '../../test/auth-helpers.js';
import { ConsoleFixtures, source } from '../../test/console-fixtures.js';
import { expectRevokedWithin } from '../../test/revocation.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { BetterAuthService } from '../auth/better-auth.service.js';
import { grantAdminRole, revokeAdminRole, UnknownAccountError } from './admin-roles.store.js';

const DAY_MS = 86_400_000;
const now = () => Math.floor(Date.now() / 1000);
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Every console route, with a query that reaches the handler. */
const ROUTES = [
  '/admin/api/settings',
  '/admin/api/activity',
  '/admin/api/unanswered',
  '/admin/api/rated-down',
  '/admin/api/documents/top-cited',
  '/admin/api/documents/never-cited',
  '/admin/api/audit-log',
  `/admin/api/conversations/${randomUUID()}`,
];

async function withPool<T>(url: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

describe('site owner console API (/admin/api)', () => {
  let server: TestServer;
  let withIdentities: TestServer;
  let fixtures: ConsoleFixtures;
  let admin: TestUser;
  let adminJwt: string;
  let visitorJwt: string;
  let signWithServerKey: (payload: Record<string, unknown>) => Promise<string>;
  // Seeded two days ago (UTC noon), inside the default 30-day range.
  const seededDay = Math.floor(Date.now() / DAY_MS) * DAY_MS - 2 * DAY_MS + 12 * 3_600_000;
  const at = (minutes: number) => new Date(seededDay + minutes * 60_000);
  const range = `from=${isoDay(seededDay - 3 * DAY_MS)}&to=${isoDay(seededDay + DAY_MS)}`;
  const seeded = {} as { docs: Record<'setup' | 'theme' | 'faq' | 'old', string>; ratedDown: { id: string; answerId: string }; passwordConversation: string };

  beforeAll(async () => {
    // Two instances of one deployment (they share the database, so Better Auth's keys): one issuer.
    const deployment = { AUTH_ISSUER: 'http://console.test', AUTH_AUDIENCE: 'http://console.test' };
    server = await startTestServer(deployment);
    withIdentities = await startTestServer({ ...deployment, ADMIN_SHOW_IDENTITIES: 'true' }, { database: server.database });
    const { auth } = server.app.get(BetterAuthService);
    signWithServerKey = async (payload) => (await auth.api.signJWT({ body: { payload: { iat: now(), ...payload } } })).token;

    admin = await signUp(server.url, { name: 'Site Owner' });
    await withPool(server.database.url, (pool) => grantAdminRole(pool, admin.email));
    adminJwt = await fetchJwt(server.url, admin.sessionToken);
    visitorJwt = await fetchJwt(server.url, (await signUp(server.url)).sessionToken);

    fixtures = await ConsoleFixtures.connect(server.database.url);
    const docs = {
      setup: await fixtures.document('guides/setup.md', 'Setting up'),
      theme: await fixtures.document('guides/theme.md', 'Themes'),
      faq: await fixtures.document('faq.md', 'FAQ'),
      old: await fixtures.document('old.md', 'Old notes'),
    };
    const alice = await fixtures.visitor('alice@example.com', 'Alice Example');
    const bob = await fixtures.visitor('bob@example.com', 'Bob Example');
    const password = await fixtures.conversation(alice, 'Password', [{ question: 'How do I reset my password?', at: at(0) }]);
    await fixtures.conversation(bob, 'Password again', [
      { question: 'how do I reset my password', at: at(10) },
      { question: 'How can I reset my password?', sources: [source(docs.setup, 0.01, false)], at: at(20) },
    ]);
    const dark = await fixtures.conversation(alice, 'Dark mode', [
      {
        question: 'Does the widget support dark mode?',
        answer: 'No, it does not.',
        sources: [source(docs.theme, 0.3, true)],
        feedback: { rating: 'down', reason: 'incorrect', comment: 'It said no, but the theme guide says yes' },
        at: at(30),
      },
    ]);
    await fixtures.conversation(bob, 'Install', [
      { question: 'How do I install the widget?', sources: [source(docs.setup, 0.4, true)], feedback: { rating: 'up' }, at: at(40) },
      { question: 'Where is the setup guide?', sources: [source(docs.setup, 0.5, true), source(docs.faq, 0.2, false), source(undefined, 0.9, true)], at: at(50) },
      { question: '=HYPERLINK("http://evil.example","click")', at: at(60) },
    ]);
    // Outside every range asked below: 40 days earlier.
    await fixtures.conversation(alice, 'Long ago', [{ question: 'How do I reset my password?', sources: [source(docs.old, 0.9, true)], at: at(-40 * 24 * 60) }]);
    seeded.docs = docs;
    seeded.ratedDown = { id: dark.id, answerId: dark.turns[0]!.answerId };
    seeded.passwordConversation = password.id;
  });
  afterAll(async () => {
    await fixtures.close();
    await withIdentities.close();
    await server.close();
  });

  const get = (path: string, jwt = adminJwt, base = server.url) => request(base).get(path).set('Authorization', `Bearer ${jwt}`);

  describe('is for admins only, checked on the server', () => {
    it.each(ROUTES)('%s: 401 without a token', async (path) => {
      const response = await request(server.url).get(path).expect(401);
      expect(response.body).toEqual({ statusCode: 401, code: 'TOKEN_MISSING', message: expect.any(String) });
    });

    it.each(ROUTES)('%s: 401 for an expired, a forged or another audience’s admin token', async (path) => {
      const claims = { sub: admin.userId, sid: 'any-session', role: 'admin' };
      const expired = await signWithServerKey({ ...claims, iat: now() - 3600, exp: now() - 1800 });
      const otherAudience = await signWithServerKey({ ...claims, aud: 'https://other-api.example.com' });
      const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const forged = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: 'forged' })
        .setIssuer(server.config.auth.issuer)
        .setAudience(server.config.auth.audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(foreign.privateKey);
      for (const [token, code] of [[expired, 'TOKEN_EXPIRED'], [otherAudience, 'TOKEN_WRONG_AUDIENCE'], [forged, 'TOKEN_UNKNOWN_KEY']] as const) {
        expect((await get(path, token).expect(401)).body).toMatchObject({ statusCode: 401, code });
      }
    });

    it.each(ROUTES)('%s: 403 JSON for a signed-in visitor without the admin role', async (path) => {
      const response = await get(path, visitorJwt).expect(403);
      expect(response.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.stringContaining('admin role') });
    });

    it('answers an admin, whose JWT carries the role', async () => {
      const response = await get('/admin/api/settings').expect(200);
      expect(response.body).toEqual({ email: admin.email, showIdentities: false, lowScoreThreshold: 0.05, questionSimilarity: 0.5 });
    });

    it('takes a granted role from the next token, and a revoked one away at once by ending the sessions', async () => {
      const user = await signUp(server.url);
      const before = await fetchJwt(server.url, user.sessionToken);
      await withPool(server.database.url, (pool) => grantAdminRole(pool, user.email.toUpperCase()));
      await get('/admin/api/settings', before).expect(403);
      const after = await fetchJwt(server.url, user.sessionToken);
      await get('/admin/api/settings', after).expect(200);
      await withPool(server.database.url, (pool) => revokeAdminRole(pool, user.email));
      await expectRevokedWithin(server.url, after);
    });

    it('refuses to grant the role to an email nobody signed up with', async () => {
      await expect(withPool(server.database.url, (pool) => grantAdminRole(pool, 'nobody@example.com'))).rejects.toThrow(UnknownAccountError);
    });
  });

  describe('panels', () => {
    it('counts conversations, questions and answers per UTC day, zeros included', async () => {
      const response = await get(`/admin/api/activity?${range}`).expect(200);
      expect(response.body.range).toEqual({ from: isoDay(seededDay - 3 * DAY_MS), to: isoDay(seededDay + DAY_MS) });
      expect(response.body.days).toHaveLength(5);
      expect(response.body.days[3]).toEqual({ day: isoDay(seededDay), conversations: 4, questions: 7, answers: 7 });
      expect(response.body.days[0]).toEqual({ day: isoDay(seededDay - 3 * DAY_MS), conversations: 0, questions: 0, answers: 0 });
    });

    it('defaults to the last 30 days, and refuses a reversed, too long or impossible range', async () => {
      const response = await get('/admin/api/activity').expect(200);
      expect(response.body.days).toHaveLength(30);
      expect(response.body.range.to).toBe(isoDay(Date.now()));
      for (const query of ['from=2026-02-10&to=2026-02-01', 'from=2024-01-01&to=2026-01-01', 'to=2026-02-30', 'from=yesterday', 'format=xml']) {
        expect((await get(`/admin/api/activity?${query}`).expect(400)).body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      }
    });

    it('groups unanswered questions (no source, low score, rated down) by similar wording', async () => {
      const response = await get(`/admin/api/unanswered?${range}`).expect(200);
      expect(response.body).toMatchObject({ total: 5, truncated: false });
      const groups = response.body.groups as Array<{ question: string; count: number; noSource: number; lowScore: number; ratedDown: number; examples: Array<Record<string, unknown>> }>;
      expect(groups.map((g) => [g.question, g.count])).toEqual([
        ['How can I reset my password?', 3],
        ['=HYPERLINK("http://evil.example","click")', 1],
        ['Does the widget support dark mode?', 1],
      ]);
      expect(groups[0]).toMatchObject({ noSource: 2, lowScore: 1, ratedDown: 0 });
      expect(groups[0]!.examples.map((e) => e.question)).toEqual(['How can I reset my password?', 'how do I reset my password', 'How do I reset my password?']);
      expect(groups[0]!.examples[0]).toEqual({
        answerId: expect.any(String),
        conversationId: expect.any(String),
        question: 'How can I reset my password?',
        askedAt: at(20).toISOString(),
        reasons: ['low_score'],
        bestScore: 0.01,
      });
      expect(groups[2]).toMatchObject({ ratedDown: 1, examples: [expect.objectContaining({ reasons: ['rated_down'], bestScore: 0.3 })] });
    });

    it('lists rated-down answers with their reason and comment, newest first', async () => {
      const response = await get(`/admin/api/rated-down?${range}`).expect(200);
      expect(response.body.answers).toEqual([
        {
          answerId: seeded.ratedDown.answerId,
          conversationId: seeded.ratedDown.id,
          question: 'Does the widget support dark mode?',
          answer: 'No, it does not.',
          reason: 'incorrect',
          comment: 'It said no, but the theme guide says yes',
          ratedAt: new Date(at(30).getTime() + 5000).toISOString(),
        },
      ]);
    });

    it('ranks the knowledge-base documents cited, and lists those never cited in the range', async () => {
      const top = await get(`/admin/api/documents/top-cited?${range}`).expect(200);
      expect(top.body.documents.map((d: { path: string; citations: number; answers: number }) => [d.path, d.citations, d.answers])).toEqual([
        ['guides/setup.md', 2, 2],
        ['guides/theme.md', 1, 1],
      ]);
      const never = await get(`/admin/api/documents/never-cited?${range}`).expect(200);
      expect(never.body.documents.map((d: { path: string }) => d.path)).toEqual(['faq.md', 'old.md']);
      expect(never.body.documents[0]).toEqual({ documentId: seeded.docs.faq, title: 'FAQ', url: 'https://docs.example.com/faq.md', path: 'faq.md' });
    });
  });

  describe('CSV export', () => {
    it('sends each list as a CSV download, formulas defused', async () => {
      const response = await get(`/admin/api/unanswered?${range}&format=csv`).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="unanswered-questions-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv"$/);
      const lines = response.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('group,group_size,question,asked_at,reasons,best_score,conversation_id');
      expect(lines).toHaveLength(6);
      expect(response.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(response.text).not.toMatch(/(^|,)=HYPERLINK/m);
    });

    it.each([
      ['activity', 'day,conversations,questions,answers', 6],
      ['rated-down', 'rated_at,question,answer,reason,comment,conversation_id', 2],
      ['documents/top-cited', 'title,path,url,citations,answers', 3],
      ['documents/never-cited', 'title,path,url', 3],
      ['audit-log', 'at,admin,action,target_id', 1],
    ])('%s as CSV', async (panel, header, lines) => {
      const response = await get(`/admin/api/${panel}?${range}&format=csv`).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.text.trimEnd().split('\r\n')[0]).toBe(header);
      if (panel !== 'audit-log') expect(response.text.trimEnd().split('\r\n')).toHaveLength(lines);
    });
  });

  describe('privacy', () => {
    it('shows question text but never who asked, by default', async () => {
      for (const path of ['unanswered', 'rated-down']) {
        const json = await get(`/admin/api/${path}?${range}`).expect(200);
        const csv = await get(`/admin/api/${path}?${range}&format=csv`).expect(200);
        for (const text of [JSON.stringify(json.body), csv.text]) {
          expect(text).not.toMatch(/alice|bob|Example/);
          expect(text).not.toContain('asker');
        }
      }
      const conversation = await get(`/admin/api/conversations/${seeded.ratedDown.id}`).expect(200);
      expect(conversation.body).not.toHaveProperty('asker');
    });

    it('shows who asked with ADMIN_SHOW_IDENTITIES=true', async () => {
      const jwt = await fetchJwt(withIdentities.url, admin.sessionToken);
      const settings = await get('/admin/api/settings', jwt, withIdentities.url).expect(200);
      expect(settings.body.showIdentities).toBe(true);
      const ratedDown = await get(`/admin/api/rated-down?${range}`, jwt, withIdentities.url).expect(200);
      expect(ratedDown.body.answers[0].asker).toEqual({ email: 'alice@example.com', name: 'Alice Example' });
      const unanswered = await get(`/admin/api/unanswered?${range}&format=csv`, jwt, withIdentities.url).expect(200);
      expect(unanswered.text.split('\r\n')[0]).toBe('group,group_size,question,asked_at,reasons,best_score,conversation_id,asker_email,asker_name');
      expect(unanswered.text).toContain('bob@example.com,Bob Example');
      const conversation = await get(`/admin/api/conversations/${seeded.passwordConversation}`, jwt, withIdentities.url).expect(200);
      expect(conversation.body.asker).toEqual({ email: 'alice@example.com', name: 'Alice Example' });
    });

    it('writes every conversation view to the audit log, before showing it', async () => {
      const countViews = async () =>
        Number((await fixtures.query(`SELECT count(*) AS n FROM admin_audit_log WHERE target_id = $1`, [seeded.ratedDown.id])).rows[0].n);
      const before = await countViews();
      const response = await get(`/admin/api/conversations/${seeded.ratedDown.id}`).expect(200);
      expect(response.body).toMatchObject({ id: seeded.ratedDown.id, title: 'Dark mode' });
      expect(response.body.messages).toEqual([
        expect.objectContaining({ role: 'user', content: 'Does the widget support dark mode?', rating: null }),
        expect.objectContaining({
          role: 'assistant',
          content: 'No, it does not.',
          rating: 'down',
          reason: 'incorrect',
          comment: 'It said no, but the theme guide says yes',
          sources: [{ title: 'Guide', url: 'https://docs.example.com/guide.md#setup', score: 0.3, cited: true }],
        }),
      ]);
      expect(await countViews()).toBe(before + 1);
      const { rows } = await fixtures.query(
        `SELECT l.action, u.auth_subject, l.created_at FROM admin_audit_log l JOIN users u ON u.id = l.admin_user_id WHERE l.target_id = $1 ORDER BY l.created_at DESC LIMIT 1`,
        [seeded.ratedDown.id],
      );
      expect(rows[0]).toMatchObject({ action: 'conversation.view', auth_subject: admin.userId });
      const log = await get('/admin/api/audit-log').expect(200);
      expect(log.body.entries[0]).toEqual({ id: expect.any(String), action: 'conversation.view', targetId: seeded.ratedDown.id, at: expect.any(String), adminEmail: admin.email });
    });

    it('answers 404 for a conversation that does not exist, and logs no view of it', async () => {
      const missing = randomUUID();
      expect((await get(`/admin/api/conversations/${missing}`).expect(404)).body).toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
      expect((await fixtures.query(`SELECT 1 FROM admin_audit_log WHERE target_id = $1`, [missing])).rows).toEqual([]);
      await get('/admin/api/conversations/not-a-uuid').expect(400);
    });
  });
});
