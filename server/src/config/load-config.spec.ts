import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEVELOPMENT_HOST_IDENTITY_SECRET, DEVELOPMENT_SECRET, EXAMPLE_SECRET, loadConfig } from './load-config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const PRODUCTION = {
  NODE_ENV: 'production',
  BETTER_AUTH_SECRET: 'a'.repeat(24) + 'b'.repeat(24),
  DATABASE_URL: 'postgres://app:pw@db.example.com/chat?sslmode=require',
  PUBLIC_URL: 'https://chat.example.com',
  ALLOWED_ORIGINS: 'https://www.example.com',
  SMTP_URL: 'smtps://mailer:pw@smtp.example.com:465',
  METRICS_TOKEN: 'metrics-token-0123456789',
};

describe('loadConfig', () => {
  it('starts with no settings at all, for local development', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.auth.secret).toBe(DEVELOPMENT_SECRET);
    expect(config.auth.jwksUrl).toBeUndefined(); // this server's own keys, read in-process
    expect(config.auth.issuer).toBe('http://localhost:3000');
    expect(config.auth.allowedOrigins).toContain('http://localhost:5173');
  });

  it('logs readable lines for a person in development and JSON everywhere else, unless told', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadConfig(PRODUCTION).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(problemsOf({ LOG_FORMAT: 'xml' })).toEqual([expect.stringMatching(/^LOG_FORMAT=xml: /)]);
  });

  it('requires confirmed email addresses in production unless told otherwise, and not in development', () => {
    expect(loadConfig({}).requireEmailVerification).toBe(false);
    expect(loadConfig(PRODUCTION).requireEmailVerification).toBe(true);
    expect(loadConfig({ ...PRODUCTION, REQUIRE_EMAIL_VERIFICATION: 'false' }).requireEmailVerification).toBe(false);
    expect(loadConfig({ REQUIRE_EMAIL_VERIFICATION: 'true' }).requireEmailVerification).toBe(true);
    expect(problemsOf({ REQUIRE_EMAIL_VERIFICATION: 'maybe' })).toEqual([expect.stringMatching(/^REQUIRE_EMAIL_VERIFICATION=maybe: .*boolean/)]);
  });

  it('reads the sign-up limit and the failed sign-in throttle', () => {
    expect(loadConfig({}).authRateLimit).toMatchObject({ signUp: { max: 5, windowSeconds: 600 }, signInFailures: { max: 10, windowSeconds: 900 } });
    const config = loadConfig({ AUTH_SIGN_UP_RATE_LIMIT_MAX: '3', AUTH_SIGN_IN_FAILURES_WINDOW_SECONDS: '60' });
    expect(config.authRateLimit).toMatchObject({ signUp: { max: 3 }, signInFailures: { windowSeconds: 60 } });
    expect(problemsOf({ AUTH_SIGN_IN_FAILURES_MAX: '0' })).toEqual([expect.stringMatching(/^AUTH_SIGN_IN_FAILURES_MAX=0: /)]);
  });

  it('reports one NAME=value line per bad setting', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'not-a-url', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT=abc: '))).toMatch(/integer/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL=not-a-url: '))).toMatch(/postgres/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL=loud: '))).toBeDefined();
  });

  it('never echoes a secret in an error', () => {
    const problems = problemsOf({ BETTER_AUTH_SECRET: 'short-secret' });
    expect(problems).toEqual([expect.stringMatching(/^BETTER_AUTH_SECRET=\*\*\*: must be at least 32 characters/)]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('rejects origins that are not scheme://host[:port]', () => {
    const problems = problemsOf({ ALLOWED_ORIGINS: 'https://ok.example.com, ftp://x, https://a.example.com/path' });
    expect(problems).toEqual([expect.stringMatching(/^ALLOWED_ORIGINS=.*: not origins.*ftp:\/\/x, https:\/\/a\.example\.com\/path$/)]);
  });

  it('turns a sign-in provider on only when all its settings are given', () => {
    expect(loadConfig({ GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 'secret' }).socialProviders).toEqual({
      github: { clientId: 'id', clientSecret: 'secret' },
    });
    expect(problemsOf({ OIDC_DISCOVERY_URL: 'https://sso.example.com/.well-known/openid-configuration', OIDC_CLIENT_SECRET: 'x' })).toEqual([
      'OIDC_CLIENT_ID (unset): needed together with OIDC_DISCOVERY_URL, OIDC_CLIENT_SECRET',
    ]);
    expect(problemsOf({ GOOGLE_CLIENT_SECRET: 'hush' }).join('\n')).not.toContain('hush');
  });

  it('refuses TRUST_PROXY=true, which lets a client pick its own address, and says what to give instead', () => {
    expect(problemsOf({ TRUST_PROXY: 'true' })).toEqual([expect.stringMatching(/^TRUST_PROXY=true: .*X-Forwarded-For.*TRUST_PROXY=1.*IPs\/CIDRs$/)]);
  });

  it('takes TRUST_PROXY as false, a hop count, or proxy addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,fd00::/8, loopback' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8', 'loopback']);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33, 1.2.3, any' })).toEqual(['TRUST_PROXY=10.0.0.0/33, 1.2.3, any: must be false, a hop count, or comma-separated proxy IPs/CIDRs (not: 10.0.0.0/33, 1.2.3, any)']);
  });

  it('serves the API docs outside production, and in production only with API_DOCS=true', () => {
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig(PRODUCTION).apiDocs).toBe(false);
    expect(loadConfig({ ...PRODUCTION, API_DOCS: 'true' }).apiDocs).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('accepts a complete production configuration and derives the auth settings from PUBLIC_URL', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.auth.audience).toBe('https://chat.example.com');
    expect(config.auth.allowedOrigins).toEqual(['https://www.example.com', 'https://chat.example.com']);
    expect(config.examples.serve).toBe(false);
    expect(config.migrateOnStart).toBe(false);
  });

  it('migrates on start outside production unless told not to, and in production only when told to', () => {
    expect(loadConfig({}).migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(loadConfig({ ...PRODUCTION, MIGRATE_ON_START: 'true' }).migrateOnStart).toBe(true);
  });

  it('never echoes the Redis URL or the metrics token in a problem report', () => {
    const problems = problemsOf({ REDIS_URL: 'http://:hunter2@redis', METRICS_TOKEN: 'short-secret' }).join('\n');
    expect(problems).toContain('REDIS_URL=***: must be a redis:// or rediss:// URL');
    expect(problems).toContain('METRICS_TOKEN=***: must be at least 16 characters');
    expect(problems).not.toMatch(/hunter2|short-secret/);
  });

  it.each([
    ['missing secret', { BETTER_AUTH_SECRET: '' }, /^BETTER_AUTH_SECRET \(unset\): required in production/],
    ['development secret', { BETTER_AUTH_SECRET: DEVELOPMENT_SECRET }, /^BETTER_AUTH_SECRET=\*\*\*: is a development\/example value/],
    ['example secret', { BETTER_AUTH_SECRET: EXAMPLE_SECRET }, /^BETTER_AUTH_SECRET=\*\*\*: is a development\/example value/],
    ['embedded database', { DATABASE_URL: '' }, /^DATABASE_URL \(unset\): required in production/],
    ['plain http URL', { PUBLIC_URL: 'http://chat.example.com' }, /^PUBLIC_URL=http:\/\/chat\.example\.com: must use https/],
    ['plain http origin', { ALLOWED_ORIGINS: 'http://www.example.com' }, /^ALLOWED_ORIGINS=http:\/\/www\.example\.com: every origin must use https/],
    ['no SMTP', { SMTP_URL: '' }, /^SMTP_URL \(unset\): required in production/],
    ['public metrics', { METRICS_TOKEN: '' }, /^METRICS_TOKEN \(unset\): required in production/],
  ])('refuses production with a %s', (_label, override, expected) => {
    expect(problemsOf({ ...PRODUCTION, ...override })).toEqual([expect.stringMatching(expected)]);
  });

  it('offers password and social sign-in by default, and guests or the host login only when asked', () => {
    expect(loadConfig({}).authModes).toEqual(['password', 'social']);
    expect(loadConfig({ AUTH_MODES: ' Host, guest ,password ' }).authModes).toEqual(['guest', 'password', 'host']);
    expect(loadConfig({ AUTH_MODES: 'guest' }).authModes).toEqual(['guest']);
  });

  it('refuses an unknown or empty list of modes, naming the ones it knows', () => {
    expect(problemsOf({ AUTH_MODES: 'guest,magic-link' })).toEqual([
      'AUTH_MODES=guest,magic-link: unknown mode magic-link (choose among guest, password, social, host)',
    ]);
    expect(problemsOf({ AUTH_MODES: ',' })).toEqual([expect.stringMatching(/^AUTH_MODES=,: name at least one of guest, password/)]);
  });

  it("reads the guests' own agent-run limit and their retention", () => {
    expect(loadConfig({}).guests).toEqual({ rateLimit: { max: 5, windowSeconds: 60 }, retentionDays: 30 });
    const config = loadConfig({ GUEST_AGENT_RATE_LIMIT: '2', GUEST_AGENT_RATE_LIMIT_WINDOW_SECONDS: '600', GUEST_RETENTION_DAYS: '7' });
    expect(config.guests).toEqual({ rateLimit: { max: 2, windowSeconds: 600 }, retentionDays: 7 });
    expect(problemsOf({ GUEST_RETENTION_DAYS: '0' })).toEqual([expect.stringMatching(/^GUEST_RETENTION_DAYS=0: /)]);
  });

  describe('the host site\'s own login (HOST_IDENTITY_*)', () => {
    const HOST = { AUTH_MODES: 'password,host', HOST_IDENTITY_SECRET: 'h'.repeat(40), HOST_IDENTITY_ISSUER: 'https://shop.example.com' };

    it('is on with a secret and an issuer; the audience defaults to PUBLIC_URL', () => {
      expect(loadConfig({ ...PRODUCTION, ...HOST }).hostIdentity).toEqual({
        secret: 'h'.repeat(40),
        jwksUrl: undefined,
        issuer: 'https://shop.example.com',
        audience: 'https://chat.example.com',
      });
    });

    it('is off unless AUTH_MODES has host, and in development signs in the examples\' host', () => {
      expect(loadConfig(PRODUCTION).hostIdentity).toBeUndefined();
      expect(loadConfig({}).hostIdentity).toBeUndefined();
      expect(loadConfig({ AUTH_MODES: 'host' }).hostIdentity).toEqual({ secret: DEVELOPMENT_HOST_IDENTITY_SECRET, issuer: 'http://localhost:5173', audience: 'http://localhost:3000' });
    });

    it.each([
      ['a short secret', { HOST_IDENTITY_SECRET: 'short-one' }, /^HOST_IDENTITY_SECRET=\*\*\*: must be at least 32 characters/],
      ['no issuer', { HOST_IDENTITY_ISSUER: '' }, /^HOST_IDENTITY_ISSUER \(unset\): required with HOST_IDENTITY_SECRET or HOST_IDENTITY_JWKS_URL/],
      ['both a secret and a key set', { HOST_IDENTITY_JWKS_URL: 'https://shop.example.com/jwks.json' }, /^HOST_IDENTITY_JWKS_URL=.*: set either/],
      ['a plain http key set', { HOST_IDENTITY_SECRET: '', HOST_IDENTITY_JWKS_URL: 'http://shop.example.com/jwks.json' }, /^HOST_IDENTITY_JWKS_URL=.*: must use https in production/],
      ['the development secret', { HOST_IDENTITY_SECRET: DEVELOPMENT_HOST_IDENTITY_SECRET }, /^HOST_IDENTITY_SECRET=\*\*\*: is the development value/],
      ['an issuer without a key', { AUTH_MODES: 'password', HOST_IDENTITY_SECRET: '' }, /^HOST_IDENTITY_ISSUER=https:\/\/shop\.example\.com: needs HOST_IDENTITY_SECRET or HOST_IDENTITY_JWKS_URL/],
      ['host in AUTH_MODES without a key', { HOST_IDENTITY_SECRET: '', HOST_IDENTITY_ISSUER: '' }, /^AUTH_MODES=password,host: host needs HOST_IDENTITY_SECRET or HOST_IDENTITY_JWKS_URL/],
      ['a key without host in AUTH_MODES', { AUTH_MODES: 'password' }, /^AUTH_MODES=password: add host to use HOST_IDENTITY_SECRET/],
    ])('refuses %s', (_label, override, expected) => {
      expect(problemsOf({ ...PRODUCTION, ...HOST, ...override })).toEqual([expect.stringMatching(expected)]);
    });
  });
});
