import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestServer, type TestServer } from '../../test/test-server.js';

describe('GET /config', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      GITHUB_CLIENT_ID: 'gh-id',
      GITHUB_CLIENT_SECRET: 'gh-secret',
      OIDC_DISCOVERY_URL: 'http://127.0.0.1:9/.well-known/openid-configuration',
      OIDC_CLIENT_ID: 'oidc-id',
      OIDC_CLIENT_SECRET: 'oidc-secret',
      OIDC_PROVIDER_ID: 'acme',
      OIDC_PROVIDER_NAME: 'Acme SSO',
      MESSAGE_MAX_LENGTH: '500',
    });
  });
  afterAll(() => server.close());

  it('lists the configured sign-in providers without any secret, to anyone', async () => {
    const response = await request(server.url).get('/config').set('Origin', 'http://host.test').expect(200);
    expect(response.body).toEqual({
      providers: [
        { id: 'github', name: 'GitHub', type: 'social' },
        { id: 'acme', name: 'Acme SSO', type: 'oidc' },
      ],
      messageMaxLength: 500,
      originAllowed: true,
      authModes: ['password', 'social'],
    });
    expect(response.text).not.toMatch(/secret/);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['vary']).toMatch(/origin/i);
  });

  it('tells a page on a refused origin that it is refused, readable there (CORS *)', async () => {
    const response = await request(server.url).get('/config').set('Origin', 'https://not-allowed.example').expect(200);
    expect(response.body.originAllowed).toBe(false);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers originAllowed for requests without an Origin (same-origin, server to server)', async () => {
    const response = await request(server.url).get('/config').expect(200);
    expect(response.body.originAllowed).toBe(true);
  });
});
