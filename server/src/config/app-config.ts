/** The ways into the chat a site owner can offer (AUTH_MODES). */
export const AUTH_MODES = ['guest', 'password', 'social', 'host'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** The validated, typed configuration every module reads (never `process.env` directly). */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Public base URL of this server; Better Auth's baseURL and the default JWT issuer/audience. */
  publicUrl: string;
  logLevel: string;
  logFormat: 'json' | 'pretty';
  /**
   * Fastify's trustProxy: which X-Forwarded-For hops to believe for the client IP. Never `true`
   * (that believes the leftmost entry, which the client writes): none, a hop count, or addresses.
   */
  trustProxy: false | number | string[];
  database: {
    /** Pooled URL the app uses; undefined means "start the embedded PostgreSQL". */
    url?: string;
    /** Direct (unpooled) URL for migrations; falls back to `url`. */
    directUrl?: string;
    poolMax: number;
    embedded: { dir: string; movableDir: boolean; port: number };
  };
  auth: {
    secret: string;
    allowedOrigins: string[];
    /** An external deployment's JWKS (AUTH_JWKS_URL); unset means this server's own keys, read in-process. */
    jwksUrl?: string;
    issuer: string;
    audience: string;
    jwtTtlSeconds: number;
    clockToleranceSeconds: number;
    algorithms: string[];
    jwksCooldownSeconds: number;
    /** Safety-net poll of revoked sessions; LISTEN/NOTIFY delivers them sooner. */
    revocationPollSeconds: number;
  };
  mail: { smtpUrl?: string; from: string };
  /** Email/password accounts confirm their address before signing in; unverified accounts cannot run the agent. */
  requireEmailVerification: boolean;
  chat: { messageMaxLength: number; rateLimit: { max: number; windowSeconds: number } };
  /** Social / OIDC sign-in providers that are fully configured. */
  socialProviders: {
    github?: { clientId: string; clientSecret: string };
    google?: { clientId: string; clientSecret: string };
    oidc?: { id: string; name: string; discoveryUrl: string; clientId: string; clientSecret: string };
  };
  examples: { serve: boolean; port: number };
  agents: {
    /** Id of the provider that answers (AGENT_PROVIDER). */
    provider: string;
    /** Longest wait for the agent's next event. */
    timeoutMs: number;
    openai?: { baseUrl: string; model: string; apiKey?: string };
    http?: { url: string; token?: string };
  };
  knowledge: {
    /** Public URL of the ingested files, ending in `/`; a source's URL is this plus the file's relative path. */
    baseUrl: string;
    /** Files or folders ingested at start-up. */
    ingestOnStart: string[];
  };
  metrics: { token?: string };
  /** Where the per-user agent-run counters live: Redis when set, else PostgreSQL. */
  rateLimitStore: { redisUrl?: string };
  /** Better Auth's per-address limiter (always on, stored in the database), sign-up's own budget, and failed sign-ins per account. */
  authRateLimit: {
    windowSeconds: number;
    max: number;
    signUp: { max: number; windowSeconds: number };
    signInFailures: { max: number; windowSeconds: number };
  };
  migrateOnStart: boolean;
  shutdownGraceSeconds: number;
  /** Swagger UI and the OpenAPI document at /api/docs (API_DOCS). */
  apiDocs: boolean;
  /** Agent runs' event logs (RUN_EVENTS_*) and the lease that tells a dead instance's runs (RUN_LEASE_SECONDS). */
  runs: { eventsMax: number; flushMs: number; retentionMinutes: number; leaseSeconds: number };
  /** What the widget offers (AUTH_MODES); a mode that is off is off on the server too. */
  authModes: AuthMode[];
  /** Anonymous users (AUTH_MODES=guest): their own agent-run limit, and how long they are kept after their last visit. */
  guests: { rateLimit: { max: number; windowSeconds: number }; retentionDays: number };
  /**
   * The host site's own login: its backend signs short-lived identity tokens that
   * `POST /api/auth/sign-in/host` exchanges for a session. Unset: that sign-in is off.
   */
  hostIdentity?: HostIdentitySettings;
  /** The site owner's console (/admin): whether it shows who asked, and what counts as unanswered. */
  console: { showIdentities: boolean; lowScoreThreshold: number; questionSimilarity: number };
}

/** How identity tokens from the host site are verified: exactly one of `secret` (HS256) and `jwksUrl`. */
export interface HostIdentitySettings {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
