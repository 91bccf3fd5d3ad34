import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { admin, bearer, genericOAuth, jwt, oauthPopup } from 'better-auth/plugins';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { AUTH_BASE_PATH } from '../common/auth-base-path.js';
import type { AppConfig } from '../config/app-config.js';
import type { Mailer } from '../mail/mailer.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { existingAccountEmail, verificationEmail } from './account-protection/account-emails.js';
import { ADMIN_ROLE, consoleRoles } from './admin-roles.js';
import { signInThrottle } from './account-protection/sign-in-throttle.plugin.js';
import type { AuthEvent } from './auth-events.js';
import { authEventsHook } from './better-auth-events.js';
import { guestAccounts } from './guests/guest-accounts.js';
import { GuestRepository } from './guests/guest.repository.js';
import { hostIdentity } from './host-identity/host-identity.plugin.js';
import { HostTokenReplays } from './host-identity/host-token-replays.js';
import { HostTokenVerifier } from './host-identity/host-token-verifier.js';
import { userProfileRules } from './profile/user-profile-rules.plugin.js';
import { sessionTokenRedaction } from './session-token-redaction.js';

/**
 * Set by our mount point from Fastify's proxy-aware `request.ip`, replacing anything a client sent;
 * Better Auth reads the client address (rate limits, sessions) from it and from nothing else.
 */
export const CLIENT_IP_HEADER = 'x-chat-client-ip';

export interface BetterAuthDependencies {
  config: AppConfig;
  pool: Pool;
  mailer: Mailer;
  /** Counts failed sign-ins per account (the store the agent-run limit uses). */
  rateLimiter: RateLimiter;
  logger: Logger;
  onAuthEvent: (event: AuthEvent) => void;
}

/**
 * Better Auth's options, kept apart from the instance so the schema (and its migration) can be
 * derived from exactly what the server runs.
 */
export function betterAuthOptions({ config, pool, mailer, rateLimiter, logger, onAuthEvent }: BetterAuthDependencies) {
  return {
    logger: {
      level: 'warn',
      // Only the message: Better Auth's extra arguments can hold request data.
      log: (level, message, ...args) => logger[level]({ err: args.find((a) => a instanceof Error) }, message),
    },
    appName: 'Chat Widget',
    baseURL: config.publicUrl,
    basePath: AUTH_BASE_PATH,
    secret: config.auth.secret,
    database: pool,
    trustedOrigins: config.auth.allowedOrigins,
    telemetry: { enabled: false },
    hooks: { after: authEventsHook(onAuthEvent, CLIENT_IP_HEADER) },
    advanced: {
      // Better Auth skips the Origin check when NODE_ENV=test; we want the same checks everywhere.
      disableOriginCheck: false,
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    emailAndPassword: {
      // AUTH_MODES without `password`: sign-up and sign-in by email answer 400, as Better Auth does when it is off.
      enabled: config.authModes.includes('password'),
      minPasswordLength: 8,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      // Unverified accounts get no session, and sign-up answers alike for new and taken addresses
      // (Better Auth's generic answer when verification is required); the owner of a taken one is told by email.
      requireEmailVerification: config.requireEmailVerification,
      onExistingUserSignUp: async ({ user }) => mailer.send(existingAccountEmail(user)),
      sendResetPassword: async ({ user, url }) => {
        await mailer.send({
          to: user.email,
          subject: 'Reset your password',
          text: `Someone asked to reset the password of ${user.email}.\n\nSet a new password: ${url}\n\nIf it was not you, ignore this email; your password stays as it is.`,
        });
      },
    },
    emailVerification: {
      sendOnSignUp: config.requireEmailVerification,
      autoSignInAfterVerification: false,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: async ({ user, url }) => mailer.send(verificationEmail(user, url)),
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    // On in every mode (Better Auth's default is production only) and in the database, so every
    // instance behind the load balancer counts the same attempts.
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: config.authRateLimit.windowSeconds,
      max: config.authRateLimit.max,
      // Sign-ups get their own budget per address (Better Auth keys every path apart already).
      customRules: {
        '/sign-up/*': { window: config.authRateLimit.signUp.windowSeconds, max: config.authRateLimit.signUp.max },
        // A guest is an account too (a user row per call): made no faster than sign-ups.
        '/sign-in/anonymous': { window: config.authRateLimit.signUp.windowSeconds, max: config.authRateLimit.signUp.max },
      },
    },
    socialProviders: {
      ...(config.socialProviders.github ? { github: config.socialProviders.github } : {}),
      ...(config.socialProviders.google ? { google: config.socialProviders.google } : {}),
    },
    plugins: [
      // Social sign-in runs in a popup that posts the session token back to the widget, so the
      // host page never navigates away.
      oauthPopup(),
      genericOAuth({
        config: config.socialProviders.oidc
          ? [
              {
                providerId: config.socialProviders.oidc.id,
                discoveryUrl: config.socialProviders.oidc.discoveryUrl,
                clientId: config.socialProviders.oidc.clientId,
                clientSecret: config.socialProviders.oidc.clientSecret,
                scopes: ['openid', 'email', 'profile'],
                pkce: true,
              },
            ]
          : [],
      }),
      // The widget lives on other origins, where third-party cookies are unreliable: it keeps the
      // session token itself and sends it as a bearer token. Only the signed form (what
      // `set-auth-token` and the popup hand out): a raw token read from a database dump or a
      // session listing is no credential.
      bearer({ requireSignature: true }),
      sessionTokenRedaction(),
      userProfileRules(),
      signInThrottle(rateLimiter, config.authRateLimit.signInFailures),
      // The `admin` role opens the site owner's console (/admin). Roles are granted from the
      // command line (`npm run admin:grant`); see consoleRoles for what the role may do here.
      admin({ roles: consoleRoles, adminRoles: [ADMIN_ROLE] }),
      jwt({
        jwks: { keyPairConfig: { alg: 'EdDSA', crv: 'Ed25519' } },
        jwt: {
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          expirationTime: `${config.auth.jwtTtlSeconds}s`,
          // The default payload is the whole user row; the API needs only who and how to greet them,
          // and which session the token belongs to, so that ending the session ends the token.
          // A guest's token says so (the API gives guests their own limits) and carries no placeholder profile.
          definePayload: ({ user, session }) => {
            const isAnonymous = (user as { isAnonymous?: boolean | null }).isAnonymous === true;
            return {
              sid: session.id,
              email: isAnonymous ? null : user.email,
              emailVerified: user.emailVerified,
              name: isAnonymous ? null : user.name,
              image: user.image ?? null,
              isAnonymous,
              // Lets the API check the console's role without a query; a change reaches the token
              // when it is next issued (JWT_TTL_SECONDS at most), see docs/console.md.
              role: user.role ?? null,
            };
          },
        },
      }),
      ...(config.authModes.includes('guest') ? [guestAccounts(new GuestRepository(pool), onAuthEvent, logger)] : []),
      // The host site's own login, when it is configured (HOST_IDENTITY_*).
      ...(config.hostIdentity
        ? [
            hostIdentity({
              verifier: new HostTokenVerifier(config.hostIdentity, config.auth.clockToleranceSeconds),
              replays: new HostTokenReplays(pool),
            }),
          ]
        : []),
    ],
  } satisfies BetterAuthOptions;
}

export function createBetterAuth(dependencies: BetterAuthDependencies) {
  return betterAuth(betterAuthOptions(dependencies));
}

export type BetterAuth = ReturnType<typeof createBetterAuth>;
