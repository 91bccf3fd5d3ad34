import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toFloat = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?(\d+\.?\d*|\.\d+)$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
};

const postgresUrl = { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true };
const httpUrl = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };

/**
 * Every setting the server reads from the environment. Defaults suit local development;
 * production checks live in `loadConfig` because they depend on several settings at once.
 * `.env.example` documents each of them; keep the two in step.
 */
export const DEFAULT_EMBEDDED_POSTGRES_DIR = '.data/postgres';

export class Environment {
  // class-validator checks decorators bottom-up and stops at the first failure, so the type check
  // sits nearest each property: "abc" reports "must be an integer", not a range.
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  @Transform(toInt)
  @Min(0)
  @Max(65535)
  @IsInt()
  PORT = 3000;

  @IsOptional()
  @IsUrl(httpUrl)
  PUBLIC_URL?: string;

  @IsOptional()
  @IsUrl(postgresUrl, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsUrl(postgresUrl, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL_DIRECT?: string;

  @Transform(toInt)
  @Min(1)
  @Max(1000)
  @IsInt()
  DATABASE_POOL_MAX = 10;

  /** Relative to the working directory. */
  @IsString()
  EMBEDDED_POSTGRES_DIR = DEFAULT_EMBEDDED_POSTGRES_DIR;

  @Transform(toInt)
  @Min(0)
  @Max(65535)
  @IsInt()
  EMBEDDED_POSTGRES_PORT = 0;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (generate one with `openssl rand -base64 32`)' })
  BETTER_AUTH_SECRET?: string;

  /** Comma-separated origins allowed to call the API and Better Auth (CORS + trustedOrigins). */
  @IsString()
  ALLOWED_ORIGINS = '';

  @IsOptional()
  @IsUrl(httpUrl)
  AUTH_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsString()
  AUTH_AUDIENCE?: string;

  @Transform(toInt)
  @Min(60)
  @Max(3600)
  @IsInt()
  JWT_TTL_SECONDS = 900;

  @Transform(toInt)
  @Min(0)
  @Max(300)
  @IsInt()
  AUTH_CLOCK_TOLERANCE_SECONDS = 5;

  /** JWS algorithms the API accepts (allow-list; never `none`, never HMAC with a public key). */
  @Matches(/^(EdDSA|Ed25519|ES256|ES384|ES512|RS256|RS384|RS512|PS256|PS384|PS512)(\s*,\s*(EdDSA|Ed25519|ES256|ES384|ES512|RS256|RS384|RS512|PS256|PS384|PS512))*$/, {
    message: 'must be a comma-separated list of asymmetric JWS algorithms (EdDSA, ES256, RS256, …)',
  })
  AUTH_JWT_ALGORITHMS = 'EdDSA';

  /**
   * How often each instance reads the revoked sessions back from the database. Revocations arrive
   * at once through LISTEN/NOTIFY; this poll is the safety net for notifications lost while the
   * listening connection was down, so it bounds how long a revoked session's JWT can still work.
   */
  @Transform(toInt)
  @Min(1)
  @Max(300)
  @IsInt()
  AUTH_REVOCATION_POLL_SECONDS = 5;

  /** Minimum time between two JWKS refetches triggered by unknown key ids. */
  @Transform(toInt)
  @Min(0)
  @Max(3600)
  @IsInt()
  AUTH_JWKS_COOLDOWN_SECONDS = 30;

  /**
   * Which proxies to believe about the client address (X-Forwarded-For): `false` (none, use the
   * socket address), a hop count (how many proxies stand in front of the server), or
   * comma-separated proxy IPs/CIDRs (or proxy-addr's `loopback`, `linklocal`, `uniquelocal`).
   * `true` is refused in `loadConfig`: it would believe the client's own leftmost entry.
   */
  @IsString()
  TRUST_PROXY = 'false';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `pretty`: readable, coloured lines for a person (default in development); `json`: one JSON object per line. */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Chat Widget <no-reply@localhost>';

  /** Longest chat message accepted, in characters. */
  @Transform(toInt)
  @Min(1)
  @Max(100_000)
  @IsInt()
  MESSAGE_MAX_LENGTH = 8000;

  /** Agent runs one user may start per window (shared by all instances through the database). */
  @Transform(toInt)
  @Min(1)
  @Max(100_000)
  @IsInt()
  AGENT_RATE_LIMIT = 20;

  @Transform(toInt)
  @Min(1)
  @Max(86_400)
  @IsInt()
  AGENT_RATE_LIMIT_WINDOW_SECONDS = 60;

  @IsOptional()
  @IsString()
  GITHUB_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  GITHUB_CLIENT_SECRET?: string;

  @IsOptional()
  @IsString()
  GOOGLE_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  GOOGLE_CLIENT_SECRET?: string;

  /** Any OpenID Connect provider, by its discovery document URL. */
  @IsOptional()
  @IsUrl(httpUrl)
  OIDC_DISCOVERY_URL?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  @Matches(/^[a-z0-9-]{1,32}$/, { message: 'must be 1-32 lowercase letters, digits or dashes' })
  OIDC_PROVIDER_ID = 'oidc';

  @IsString()
  OIDC_PROVIDER_NAME = 'Single sign-on';

  @Transform(toBool)
  @IsBoolean()
  SERVE_EXAMPLES = true;

  @Transform(toInt)
  @Min(0)
  @Max(65535)
  @IsInt()
  EXAMPLES_PORT = 5173;

  // --- Agents ---
  /** Which agent answers: `retrieval` (built in, offline), `openai` (any compatible API) or `http`. */
  @IsIn(['retrieval', 'openai', 'http'])
  AGENT_PROVIDER: 'retrieval' | 'openai' | 'http' = 'retrieval';

  /** Longest wait for the agent's next event (its first token, or the next one), in milliseconds. */
  @Transform(toInt)
  @Min(100)
  @Max(600_000)
  @IsInt()
  AGENT_TIMEOUT_MS = 30_000;

  @IsOptional()
  @IsUrl(httpUrl)
  OPENAI_BASE_URL?: string;

  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string;

  @IsOptional()
  @IsString()
  OPENAI_MODEL?: string;

  @IsOptional()
  @IsUrl(httpUrl)
  AGENT_HTTP_URL?: string;

  @IsOptional()
  @IsString()
  AGENT_HTTP_TOKEN?: string;

  // --- Knowledge base ---
  /** Public URL the ingested files are served under; a source's URL is this plus the file's path. */
  @IsOptional()
  @IsUrl(httpUrl)
  KNOWLEDGE_BASE_URL?: string;

  /**
   * Comma-separated files or folders ingested at start-up; `none` for nothing. Unset: the example
   * docs site when the examples are served (development), else `docs`.
   */
  @IsOptional()
  @IsString()
  KNOWLEDGE_INGEST_ON_START?: string;

  // --- Operations: metrics, shared rate-limit store, deployment, shutdown ---

  /** Bearer token Prometheus must send to read /metrics; required in production. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters (generate one with `openssl rand -hex 24`)' })
  METRICS_TOKEN?: string;

  /** Redis for the per-user agent-run limit; unset keeps the counters in PostgreSQL. */
  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true }, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Better Auth's limiter (sign-in, sign-up, reset…): requests per client address per window. */
  @Transform(toInt)
  @Min(1)
  @Max(86_400)
  @IsInt()
  AUTH_RATE_LIMIT_WINDOW_SECONDS = 60;

  @Transform(toInt)
  @Min(1)
  @Max(100_000)
  @IsInt()
  AUTH_RATE_LIMIT_MAX = 100;

  /** Sign-ups per client address per window; counted apart from sign-ins. */
  @Transform(toInt)
  @Min(1)
  @Max(100_000)
  @IsInt()
  AUTH_SIGN_UP_RATE_LIMIT_MAX = 5;

  @Transform(toInt)
  @Min(1)
  @Max(86_400)
  @IsInt()
  AUTH_SIGN_UP_RATE_LIMIT_WINDOW_SECONDS = 600;

  /** Failed sign-ins one account may take per window, from any address; then 429 until it ends. */
  @Transform(toInt)
  @Min(1)
  @Max(100_000)
  @IsInt()
  AUTH_SIGN_IN_FAILURES_MAX = 10;

  @Transform(toInt)
  @Min(1)
  @Max(86_400)
  @IsInt()
  AUTH_SIGN_IN_FAILURES_WINDOW_SECONDS = 900;

  /** Email/password accounts must confirm their address before signing in; defaults to true in production only. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  REQUIRE_EMAIL_VERIFICATION?: boolean;

  /** Serve the Swagger UI and OpenAPI document at /api/docs; defaults to true outside production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  API_DOCS?: boolean;

  /** Apply pending migrations at start-up; defaults to true outside production (see docs/deployment.md). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  MIGRATE_ON_START?: boolean;

  /** On SIGTERM, how long running agent answers may take to finish before they are cut and stored as interrupted. */
  @Transform(toInt)
  @Min(0)
  @Max(600)
  @IsInt()
  SHUTDOWN_GRACE_SECONDS = 10;

  /** Events one agent run keeps for replay (GET /runs/:id/events); past it, the stream is quiet until the final event, which holds the whole answer. */
  @Transform(toInt)
  @Min(10)
  @Max(100_000)
  @IsInt()
  RUN_EVENTS_MAX = 5000;

  /** Longest a streamed event waits to be stored with the next ones (one INSERT per batch); 0 stores each as soon as the previous write is done. */
  @Transform(toInt)
  @Min(0)
  @Max(1000)
  @IsInt()
  RUN_EVENTS_FLUSH_MS = 20;

  /** Minutes a finished run's events are kept for replay before only its final event (with the whole answer) is left. */
  @Transform(toInt)
  @Min(1)
  @Max(525_600)
  @IsInt()
  RUN_EVENTS_RETENTION_MINUTES = 60;

  /** Seconds an instance's hold on its running runs lasts without renewal; a run whose instance died is marked interrupted once it lapses. */
  @Transform(toInt)
  @Min(2)
  @Max(3600)
  @IsInt()
  RUN_LEASE_SECONDS = 30;

  // --- Ways in and guests ---
  /**
   * What the widget offers, comma-separated: `guest` (ask at once as an anonymous user),
   * `password`, `social`, `host` (the host site's own login). Unknown values are refused in `loadConfig`.
   */
  @IsString()
  AUTH_MODES = 'password,social';

  /** Agent runs one guest may start per window: lower than AGENT_RATE_LIMIT, as a guest costs nothing to make. */
  @Transform(toInt)
  @Min(1)
  @Max(100_000)
  @IsInt()
  GUEST_AGENT_RATE_LIMIT = 5;

  @Transform(toInt)
  @Min(1)
  @Max(86_400)
  @IsInt()
  GUEST_AGENT_RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Days a guest and its conversations are kept after its last visit; then the purge deletes them. */
  @Transform(toInt)
  @Min(1)
  @Max(3650)
  @IsInt()
  GUEST_RETENTION_DAYS = 30;
  // --- The host site's own login (identity verification) ---

  /** Shared secret the host's backend signs identity tokens with (HS256). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (generate one with `openssl rand -base64 32`)' })
  HOST_IDENTITY_SECRET?: string;

  /** Or: the host's public keys (EdDSA, ES256 or RS256), fetched and cached. */
  @IsOptional()
  @IsUrl(httpUrl)
  HOST_IDENTITY_JWKS_URL?: string;

  /** The `iss` identity tokens must carry; required with a secret or key set. */
  @IsOptional()
  @IsString()
  HOST_IDENTITY_ISSUER?: string;

  /** The `aud` identity tokens must carry; defaults to PUBLIC_URL. */
  @IsOptional()
  @IsString()
  HOST_IDENTITY_AUDIENCE?: string;
  // --- The site owner's console (/admin) ---
  /** Show who asked (email and name) in the console; off by default, the console shows question text only. */
  @Transform(toBool)
  @IsBoolean()
  ADMIN_SHOW_IDENTITIES = false;

  /** An answer whose best source scored under this counts as unanswered (the agent's retrieval score). */
  @Transform(toFloat)
  @Min(0)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  ADMIN_LOW_SCORE_THRESHOLD = 0.05;

  /** How alike (pg_trgm similarity, 0 to 1) two unanswered questions must be to share a group. */
  @Transform(toFloat)
  @Min(0.1)
  @Max(1)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  ADMIN_QUESTION_SIMILARITY = 0.5;

}
