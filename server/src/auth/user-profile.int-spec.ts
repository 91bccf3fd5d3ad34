import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import pg from 'pg';
import request from 'supertest';
import { fetchJwt, signUp, TEST_ORIGIN, uniqueEmail, uniqueIp } from '../../test/auth-helpers.js';
import { createTestDatabase } from '../../test/test-database.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { migrations } from '../database/migrations/index.js';
import { UserProfileBounds1764307200017 } from '../database/migrations/1764307200017-user-profile-bounds.js';
import { revertLastMigration, runMigrations } from '../database/run-migrations.js';

describe('user profile bounds (name, email, image)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const signUpWith = (body: Record<string, unknown>) =>
    request(server.url)
      .post('/api/auth/sign-up/email')
      .set('Origin', TEST_ORIGIN)
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: uniqueEmail('profile'), password: 'long enough password', name: 'Profile', ...body });
  const updateUser = (sessionToken: string, body: Record<string, unknown>) =>
    request(server.url).post('/api/auth/update-user').set('Origin', TEST_ORIGIN).set('Authorization', `Bearer ${sessionToken}`).send(body);
  const me = (jwt: string) => request(server.url).get('/users/me').set('Authorization', `Bearer ${jwt}`);
  const userRows = async (email: string) => {
    const client = new pg.Client({ connectionString: server.database.url });
    await client.connect();
    try {
      return (await client.query('SELECT name, image FROM "user" WHERE email = $1', [email])).rows;
    } finally {
      await client.end();
    }
  };

  it.each([
    ['a 5,000-character name', { name: 'n'.repeat(5000) }, 'INVALID_NAME'],
    ['a 101-character name', { name: 'n'.repeat(101) }, 'INVALID_NAME'],
    ['a name with a control character', { name: 'Bell\u0007' }, 'INVALID_NAME'],
    ['a name with a newline', { name: 'Two\nlines' }, 'INVALID_NAME'],
    ['a blank name', { name: '   ' }, 'INVALID_NAME'],
    ['an http: image', { image: 'http://images.example/me.png' }, 'INVALID_IMAGE'],
    ['a javascript: image', { image: 'javascript:alert(1)' }, 'INVALID_IMAGE'],
    ['an image that is no URL', { image: 'me.png' }, 'INVALID_IMAGE'],
    ['a 3,000-character image URL', { image: `https://images.example/${'i'.repeat(3000)}` }, 'INVALID_IMAGE'],
    ['a 300-character email', { email: `${'e'.repeat(288)}@example.com` }, 'INVALID_EMAIL'],
  ])('refuses sign-up with %s (400 and a code), creating no account', async (_label, body, code) => {
    const email = (body as { email?: string }).email ?? uniqueEmail('refused');
    const response = await signUpWith({ ...body, email }).expect(400);
    expect(response.body).toMatchObject({ code });
    expect(await userRows(email)).toEqual([]);
  });

  it('accepts a 100-character name (emoji count as one) and an https image; the API then answers', async () => {
    const name = `${'é'.repeat(98)}👋🏽`; // 100 characters, 102 UTF-16 units
    const email = uniqueEmail('bounded');
    const response = await signUpWith({ email, name, image: 'https://images.example/me.png' }).expect(200);
    const jwt = await fetchJwt(server.url, response.headers['set-auth-token']);
    expect(decodeJwt(jwt)).toMatchObject({ name, image: 'https://images.example/me.png' });
    expect((await me(jwt).expect(200)).body).toMatchObject({ name, email });
  });

  it('refuses an update-user that would break the profile, keeping the old one; accepts a good one', async () => {
    const user = await signUp(server.url, { name: 'Before Update' });
    for (const [body, code] of [
      [{ name: 'u'.repeat(5000) }, 'INVALID_NAME'],
      [{ name: 'Tab\there' }, 'INVALID_NAME'],
      [{ image: 'data:image/png;base64,AAAA' }, 'INVALID_IMAGE'],
    ] as const) {
      const response = await updateUser(user.sessionToken, body).expect(400);
      expect(response.body).toMatchObject({ code });
    }
    expect(await userRows(user.email)).toEqual([{ name: 'Before Update', image: null }]);

    await updateUser(user.sessionToken, { name: 'After Update', image: 'https://images.example/new.png' }).expect(200);
    const jwt = await fetchJwt(server.url, user.sessionToken);
    expect((await me(jwt).expect(200)).body).toMatchObject({ name: 'After Update', image: 'https://images.example/new.png' });
    await updateUser(user.sessionToken, { image: '' }).expect(200);
    expect(await userRows(user.email)).toEqual([{ name: 'After Update', image: null }]);
  });

  it('keeps the bounds in the database too, for writes that bypass Better Auth', async () => {
    const user = await signUp(server.url);
    const client = new pg.Client({ connectionString: server.database.url });
    await client.connect();
    try {
      await expect(client.query('UPDATE "user" SET name = $1 WHERE email = $2', ['x'.repeat(101), user.email])).rejects.toThrow(/CHK_user_name/);
      await expect(client.query('UPDATE "user" SET image = $1 WHERE email = $2', ['http://images.example/a.png', user.email])).rejects.toThrow(/CHK_user_image/);
    } finally {
      await client.end();
    }
  });
});

describe('accounts written before the bounds (migration UserProfileBounds)', () => {
  it('are fitted, so their API calls work again', async () => {
    const database = await createTestDatabase();
    const client = new pg.Client({ connectionString: database.url });
    try {
      const since = migrations.findIndex((m) => m === UserProfileBounds1764307200017);
      for (let i = since; i < migrations.length; i++) await revertLastMigration(database.url);
      await client.connect();
      await client.query(
        `INSERT INTO "user" (id, name, email, "emailVerified", image) VALUES
           ('long', $1, 'long@example.com', false, 'http://images.example/a.png'),
           ('fine', 'Fine Name', 'fine@example.com', true, 'https://images.example/b.png')`,
        [`Bell\u0007 ${'n'.repeat(5000)}`],
      );
      await runMigrations(database.url);
      const { rows } = await client.query('SELECT id, char_length(name) AS length, name ~ $1 AS has_control, image FROM "user" ORDER BY id', ['[[:cntrl:]]']);
      expect(rows).toEqual([
        { id: 'fine', length: 9, has_control: false, image: 'https://images.example/b.png' },
        { id: 'long', length: 100, has_control: false, image: null },
      ]);
    } finally {
      await client.end().catch(() => undefined);
      await database.drop();
    }
  });
});
