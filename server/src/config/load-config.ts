import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { isIP } from 'node:net';
import { AUTH_MODES, type AppConfig, type AuthMode } from './app-config.js';
import { DEFAULT_EMBEDDED_POSTGRES_DIR, Environment } from './environment.js';

/** Used only outside production so `npm start` works with no `.env`; production refuses it. */
export const DEVELOPMENT_SECRET = 'development-only-secret-do-not-use-in-production-0123456789';
/** The placeholder shipped in `.env.example`; production refuses it too. */
export const EXAMPLE_SECRET = 'replace-me-with-openssl-rand-base64-32-output';

const SECRET_SETTINGS = new Set([
  'BETTER_AUTH_SECRET',
  'OPENAI_API_KEY',
  'AGENT_HTTP_TOKEN',
  'GITHUB_CLIENT_SECRET',
  'GOOGLE_CLIENT_SECRET',
  'OIDC_CLIENT_SECRET',
  'METRICS_TOKEN',
  'REDIS_URL',
  'HOST_IDENTITY_SECRET',
]);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(name: string, value: unknown): string {
  if (value === undefined) return `${name} (unset)`;
  if (SECRET_SETTINGS.has(name)) return `${name}=***`;
  return `${name}=${String(value)}`;
}

function flatten(errors: ValidationError[], raw: Record<string, unknown>): string[] {
  return errors.map(
    (e) =>
      `${describe(e.property, raw[e.property])}: ${Object.values(e.constraints ?? {})
        .map((m) => m.replace(new RegExp(`^${e.property} `), ''))
        .join('; ')}`,
  );
}

function splitOrigins(value: string): string[] {
  return value
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

function productionProblems(env: Environment, origins: string[]): string[] {
  const problems: string[] = [];
  if (!env.BETTER_AUTH_SECRET) problems.push(`${describe('BETTER_AUTH_SECRET', undefined)}: required in production`);
  else if ([DEVELOPMENT_SECRET, EXAMPLE_SECRET].includes(env.BETTER_AUTH_SECRET))
    problems.push('BETTER_AUTH_SECRET=***: is a development/example value; generate a real one');
  if (!env.DATABASE_URL)
    problems.push('DATABASE_URL (unset): required in production (the embedded PostgreSQL is for development only)');
  if (!env.SMTP_URL)
    problems.push('SMTP_URL (unset): required in production (otherwise password-reset links would be written to the log)');
  if (!env.PUBLIC_URL) problems.push('PUBLIC_URL (unset): required in production');
  else if (!env.PUBLIC_URL.startsWith('https://')) problems.push(`PUBLIC_URL=${env.PUBLIC_URL}: must use https in production`);
  const insecure = origins.filter((o) => !o.startsWith('https://'));
  if (!env.METRICS_TOKEN) problems.push('METRICS_TOKEN (unset): required in production (otherwise /metrics is public)');
  if (insecure.length) problems.push(`ALLOWED_ORIGINS=${env.ALLOWED_ORIGINS}: every origin must use https in production (${insecure.join(', ')})`);
  return problems;
}

/**
 * Signs the identity tokens of the host-login example (`examples/host-login/`) when the examples are
 * served and no host identity is configured; never used in production, where examples are off.
 */
export const DEVELOPMENT_HOST_IDENTITY_SECRET = 'development-only-host-identity-secret-0123456789';

function hostIdentityProblems(env: Environment, modes: readonly AuthMode[]): string[] {
  const problems: string[] = [];
  const keyed = Boolean(env.HOST_IDENTITY_SECRET || env.HOST_IDENTITY_JWKS_URL);
  const developmentHost = env.SERVE_EXAMPLES && env.NODE_ENV !== 'production';
  if (modes.includes('host') && !keyed && !developmentHost)
    problems.push(`AUTH_MODES=${env.AUTH_MODES}: host needs HOST_IDENTITY_SECRET or HOST_IDENTITY_JWKS_URL`);
  if (keyed && !modes.includes('host'))
    problems.push(`AUTH_MODES=${env.AUTH_MODES}: add host to use HOST_IDENTITY_${env.HOST_IDENTITY_SECRET ? 'SECRET' : 'JWKS_URL'} (the host site's login is off without it)`);
  if (env.HOST_IDENTITY_SECRET && env.HOST_IDENTITY_JWKS_URL)
    problems.push(`HOST_IDENTITY_JWKS_URL=${env.HOST_IDENTITY_JWKS_URL}: set either HOST_IDENTITY_SECRET or HOST_IDENTITY_JWKS_URL, not both`);
  if (keyed && !env.HOST_IDENTITY_ISSUER) problems.push('HOST_IDENTITY_ISSUER (unset): required with HOST_IDENTITY_SECRET or HOST_IDENTITY_JWKS_URL');
  for (const name of ['HOST_IDENTITY_ISSUER', 'HOST_IDENTITY_AUDIENCE'] as const) {
    if (!keyed && env[name]) problems.push(`${name}=${env[name]}: needs HOST_IDENTITY_SECRET or HOST_IDENTITY_JWKS_URL`);
  }
  if (env.NODE_ENV === 'production') {
    if (env.HOST_IDENTITY_SECRET === DEVELOPMENT_HOST_IDENTITY_SECRET)
      problems.push('HOST_IDENTITY_SECRET=***: is the development value; generate a real one');
    if (env.HOST_IDENTITY_JWKS_URL && !env.HOST_IDENTITY_JWKS_URL.startsWith('https://'))
      problems.push(`HOST_IDENTITY_JWKS_URL=${env.HOST_IDENTITY_JWKS_URL}: must use https in production`);
  }
  return problems;
}

function hostIdentity(env: Environment, modes: readonly AuthMode[], publicUrl: string, examples: AppConfig['examples']): AppConfig['hostIdentity'] {
  if (!modes.includes('host')) return undefined;
  const audience = env.HOST_IDENTITY_AUDIENCE ?? publicUrl;
  if (env.HOST_IDENTITY_SECRET || env.HOST_IDENTITY_JWKS_URL) {
    return { secret: env.HOST_IDENTITY_SECRET, jwksUrl: env.HOST_IDENTITY_JWKS_URL, issuer: env.HOST_IDENTITY_ISSUER!, audience };
  }
  // The examples' own origin plays the host site, so `npm start` shows the host login working.
  if (examples.serve) return { secret: DEVELOPMENT_HOST_IDENTITY_SECRET, issuer: `http://localhost:${examples.port}`, audience };
  return undefined;
}

/** A provider is on when all its settings are given; half a configuration is a mistake. */
const PROVIDER_SETTINGS = [
  ['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET'],
  ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
  ['OIDC_DISCOVERY_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'],
] as const;

function socialProviderProblems(env: Environment): string[] {
  return PROVIDER_SETTINGS.flatMap((names) => {
    const missing = names.filter((n) => !env[n]);
    if (missing.length === 0 || missing.length === names.length) return [];
    return missing.map((n) => `${n} (unset): needed together with ${names.filter((x) => !missing.includes(x)).join(', ')}`);
  });
}

function socialProviders(env: Environment): AppConfig['socialProviders'] {
  return {
    ...(env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
      ? { github: { clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET } }
      : {}),
    ...(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
      ? { google: { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET } }
      : {}),
    ...(env.OIDC_DISCOVERY_URL && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
      ? {
          oidc: {
            id: env.OIDC_PROVIDER_ID,
            name: env.OIDC_PROVIDER_NAME,
            discoveryUrl: env.OIDC_DISCOVERY_URL,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
          },
        }
      : {}),
  };
}

/** The settings each agent provider cannot run without. */
const AGENT_PROVIDER_SETTINGS = { retrieval: [], openai: ['OPENAI_BASE_URL', 'OPENAI_MODEL'], http: ['AGENT_HTTP_URL'] } as const;

function agentProblems(env: Environment): string[] {
  const needed: readonly (keyof Environment)[] = AGENT_PROVIDER_SETTINGS[env.AGENT_PROVIDER] ?? [];
  return needed.filter((n) => !env[n]).map((n) => `${n} (unset): required with AGENT_PROVIDER=${env.AGENT_PROVIDER}`);
}

function agents(env: Environment): AppConfig['agents'] {
  return {
    provider: env.AGENT_PROVIDER,
    timeoutMs: env.AGENT_TIMEOUT_MS,
    ...(env.OPENAI_BASE_URL && env.OPENAI_MODEL
      ? { openai: { baseUrl: env.OPENAI_BASE_URL.replace(/\/+$/, ''), model: env.OPENAI_MODEL, apiKey: env.OPENAI_API_KEY } }
      : {}),
    ...(env.AGENT_HTTP_URL ? { http: { url: env.AGENT_HTTP_URL, token: env.AGENT_HTTP_TOKEN } } : {}),
  };
}

function knowledge(env: Environment, publicUrl: string, examples: AppConfig['examples']): AppConfig['knowledge'] {
  // In development the demo knowledge base is the Lumen docs site among the examples, so answers
  // cite its pages on the examples' origin, as they would cite a customer's documentation.
  const demo = env.KNOWLEDGE_INGEST_ON_START === undefined && examples.serve;
  const ingest = (env.KNOWLEDGE_INGEST_ON_START ?? (demo ? 'examples/docs-site' : 'docs')).trim();
  const defaultBaseUrl = demo ? `http://localhost:${examples.port}/docs-site` : `${publicUrl}/docs`;
  return {
    baseUrl: (env.KNOWLEDGE_BASE_URL ?? defaultBaseUrl).replace(/\/+$/, '') + '/',
    ingestOnStart: /^none$/i.test(ingest) ? [] : ingest.split(',').map((p) => p.trim()).filter(Boolean),
  };
}

function invalidOrigins(origins: string[]): string[] {
  return origins.filter((o) => {
    try {
      const url = new URL(o);
      return !['http:', 'https:'].includes(url.protocol) || url.origin !== o;
    } catch {
      return true;
    }
  });
}

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY lists. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY → Fastify's trustProxy: false, a hop count, or a list of trusted addresses/ranges. */
function parseTrustProxy(value: string): { trustProxy: AppConfig['trustProxy'] } | { problem: string } {
  const trimmed = value.trim();
  if (trimmed === 'false') return { trustProxy: false };
  if (trimmed === 'true') {
    return {
      problem:
        `TRUST_PROXY=true: would let any client choose its own address with X-Forwarded-For and dodge the per-address ` +
        `rate limits; give the number of proxies in front of the server (e.g. TRUST_PROXY=1) or their IPs/CIDRs`,
    };
  }
  if (/^\d+$/.test(trimmed)) return { trustProxy: Number(trimmed) || false };
  const entries = trimmed.split(',').map((v) => v.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length) {
    return { problem: `TRUST_PROXY=${value}: must be false, a hop count, or comma-separated proxy IPs/CIDRs (not: ${bad.join(', ')})` };
  }
  return { trustProxy: entries };
}

/** AUTH_MODES → the modes, in the documented order; an unknown or empty list is a start-up error. */
function parseAuthModes(value: string): { modes: AuthMode[] } | { problem: string } {
  const given = value.split(',').map((m) => m.trim().toLowerCase()).filter(Boolean);
  const unknown = given.filter((m) => !(AUTH_MODES as readonly string[]).includes(m));
  if (unknown.length) return { problem: `AUTH_MODES=${value}: unknown mode ${unknown.join(', ')} (choose among ${AUTH_MODES.join(', ')})` };
  if (!given.length) return { problem: `AUTH_MODES=${value}: name at least one of ${AUTH_MODES.join(', ')}` };
  return { modes: AUTH_MODES.filter((m) => given.includes(m)) };
}

/**
 * Validates the environment and derives the typed configuration.
 * Throws a ConfigError listing one `NAME=value: what is wrong` line per problem.
 */
export function loadConfig(raw: Record<string, string | undefined>): AppConfig {
  // An empty variable means "unset", as in most shells' `FOO= cmd` usage.
  const known = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const env = plainToInstance(Environment, known, { exposeDefaultValues: true });
  const problems = flatten(validateSync(env, { forbidUnknownValues: false, stopAtFirstError: true }), known);

  const origins = splitOrigins(env.ALLOWED_ORIGINS ?? '');
  const bad = invalidOrigins(origins);
  if (bad.length) problems.push(`ALLOWED_ORIGINS=${env.ALLOWED_ORIGINS}: not origins (scheme://host[:port]): ${bad.join(', ')}`);
  problems.push(...socialProviderProblems(env));
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if ('problem' in trustProxy) problems.push(trustProxy.problem);
  const authModes = parseAuthModes(env.AUTH_MODES);
  if ('problem' in authModes) problems.push(authModes.problem);
  else problems.push(...hostIdentityProblems(env, authModes.modes));
  if (!problems.some((p) => p.startsWith('AGENT_PROVIDER'))) problems.push(...agentProblems(env));
  if (env.NODE_ENV === 'production') problems.push(...productionProblems(env, origins));
  if (problems.length || 'problem' in trustProxy || 'problem' in authModes) throw new ConfigError(problems);

  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const examples = { serve: env.SERVE_EXAMPLES && env.NODE_ENV !== 'production', port: env.EXAMPLES_PORT };
  const examplesOrigins =
    env.NODE_ENV === 'production' ? [] : [`http://localhost:${env.EXAMPLES_PORT}`, `http://127.0.0.1:${env.EXAMPLES_PORT}`];
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json'),
    trustProxy: trustProxy.trustProxy,
    database: {
      url: env.DATABASE_URL,
      directUrl: env.DATABASE_URL_DIRECT ?? env.DATABASE_URL,
      poolMax: env.DATABASE_POOL_MAX,
      embedded: {
        dir: env.EMBEDDED_POSTGRES_DIR,
        // The default folder may move where PostgreSQL can reach it (a root start from a private checkout); a chosen one may not.
        movableDir: env.EMBEDDED_POSTGRES_DIR === DEFAULT_EMBEDDED_POSTGRES_DIR,
        port: env.EMBEDDED_POSTGRES_PORT,
      },
    },
    auth: {
      secret: env.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET,
      allowedOrigins: [...new Set([...origins, ...examplesOrigins, new URL(publicUrl).origin])],
      jwksUrl: env.AUTH_JWKS_URL,
      issuer: env.AUTH_ISSUER ?? publicUrl,
      audience: env.AUTH_AUDIENCE ?? publicUrl,
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_SECONDS,
      algorithms: env.AUTH_JWT_ALGORITHMS.split(',').map((a) => a.trim()),
      jwksCooldownSeconds: env.AUTH_JWKS_COOLDOWN_SECONDS,
      revocationPollSeconds: env.AUTH_REVOCATION_POLL_SECONDS,
    },
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    // Production confirms addresses unless told otherwise; development signs in straight away.
    requireEmailVerification: env.REQUIRE_EMAIL_VERIFICATION ?? env.NODE_ENV === 'production',
    chat: {
      messageMaxLength: env.MESSAGE_MAX_LENGTH,
      rateLimit: { max: env.AGENT_RATE_LIMIT, windowSeconds: env.AGENT_RATE_LIMIT_WINDOW_SECONDS },
    },
    // With `social` off no provider is configured, so Better Auth serves none and /config lists none.
    socialProviders: authModes.modes.includes('social') ? socialProviders(env) : {},
    examples,
    agents: agents(env),
    knowledge: knowledge(env, publicUrl, examples),
    metrics: { token: env.METRICS_TOKEN },
    rateLimitStore: { redisUrl: env.REDIS_URL },
    authRateLimit: {
      windowSeconds: env.AUTH_RATE_LIMIT_WINDOW_SECONDS,
      max: env.AUTH_RATE_LIMIT_MAX,
      signUp: { max: env.AUTH_SIGN_UP_RATE_LIMIT_MAX, windowSeconds: env.AUTH_SIGN_UP_RATE_LIMIT_WINDOW_SECONDS },
      signInFailures: { max: env.AUTH_SIGN_IN_FAILURES_MAX, windowSeconds: env.AUTH_SIGN_IN_FAILURES_WINDOW_SECONDS },
    },
    // Production deploys migrate in a release step (`npm run deploy:migrate`) before new instances start.
    migrateOnStart: env.MIGRATE_ON_START ?? env.NODE_ENV !== 'production',
    shutdownGraceSeconds: env.SHUTDOWN_GRACE_SECONDS,
    // The API's map is handy in development and needless to hand every visitor in production.
    apiDocs: env.API_DOCS ?? env.NODE_ENV !== 'production',
    runs: {
      eventsMax: env.RUN_EVENTS_MAX,
      flushMs: env.RUN_EVENTS_FLUSH_MS,
      retentionMinutes: env.RUN_EVENTS_RETENTION_MINUTES,
      leaseSeconds: env.RUN_LEASE_SECONDS,
    },
    authModes: authModes.modes,
    guests: {
      rateLimit: { max: env.GUEST_AGENT_RATE_LIMIT, windowSeconds: env.GUEST_AGENT_RATE_LIMIT_WINDOW_SECONDS },
      retentionDays: env.GUEST_RETENTION_DAYS,
    },
    hostIdentity: hostIdentity(env, authModes.modes, publicUrl, examples),
    console: {
      showIdentities: env.ADMIN_SHOW_IDENTITIES,
      lowScoreThreshold: env.ADMIN_LOW_SCORE_THRESHOLD,
      questionSimilarity: env.ADMIN_QUESTION_SIMILARITY,
    },
  };
}
