import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SignJWT } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import type { HostIdentitySettings } from '../src/config/app-config.js';

/** Where the example lives on the examples' origin (examples/host-login/ holds its page). */
export const HOST_LOGIN_PATH = '/host-login';
const COOKIE = 'host_session';
/** Identity tokens live five minutes: long enough for the widget to use one, short enough to be worthless if seen later. */
const TOKEN_LIFETIME_SECONDS = 5 * 60;

interface HostUser {
  id: string;
  name: string;
}

function sessionId(request: FastifyRequest): string | undefined {
  const cookies = request.headers.cookie ?? '';
  return cookies.split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);
}

/** A stable id per name: the same person logging in again is the same host user, so the same chat user. */
function userFor(name: string): HostUser {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'member';
  return { id: `demo-${slug}`, name };
}

/**
 * The example host site's own login (development only): a login form that sets a session cookie,
 * and `GET /host-login/chat-identity`, which signs an identity token for the logged-in user with the
 * secret it shares with the chat server (HOST_IDENTITY_SECRET). This is the part a site owner
 * writes in their own backend; docs/identity.md has the same in Express.
 */
export const hostLoginSite: FastifyPluginAsync<HostIdentitySettings & { secret: string }> = async (app, identity) => {
  const sessions = new Map<string, HostUser>();
  const key = new TextEncoder().encode(identity.secret);
  const currentUser = (request: FastifyRequest) => {
    const id = sessionId(request);
    return id ? sessions.get(id) : undefined;
  };
  const backToPage = (reply: FastifyReply) => reply.code(303).header('location', `${HOST_LOGIN_PATH}/`).send();

  // A classic HTML form posts urlencoded; Fastify parses JSON only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post(`${HOST_LOGIN_PATH}/login`, async (request, reply) => {
    const name = String((request.body as { name?: unknown } | undefined)?.name ?? '').trim().slice(0, 60);
    if (!name) return backToPage(reply);
    const id = randomBytes(24).toString('base64url');
    sessions.set(id, userFor(name));
    void reply.header('set-cookie', `${COOKIE}=${id}; Path=${HOST_LOGIN_PATH}; HttpOnly; SameSite=Lax`);
    return backToPage(reply);
  });

  app.post(`${HOST_LOGIN_PATH}/logout`, async (request, reply) => {
    const id = sessionId(request);
    if (id) sessions.delete(id);
    void reply.header('set-cookie', `${COOKIE}=; Path=${HOST_LOGIN_PATH}; HttpOnly; SameSite=Lax; Max-Age=0`);
    return backToPage(reply);
  });

  /** Who is logged in on the host, for the page's header. */
  app.get(`${HOST_LOGIN_PATH}/session`, async (request) => ({ user: currentUser(request) ?? null }));

  /**
   * The widget's identity-endpoint: a fresh, one-use token for the logged-in user, or `null` (a 200,
   * so that a visitor who is not logged in leaves no failed request in the browser's console).
   */
  app.get(`${HOST_LOGIN_PATH}/chat-identity`, async (request, reply) => {
    const user = currentUser(request);
    void reply.header('cache-control', 'no-store');
    if (!user) return { token: null };
    const token = await new SignJWT({ name: user.name })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(identity.issuer)
      .setAudience(identity.audience)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .setJti(randomUUID())
      .sign(key);
    return { token };
  });
};
