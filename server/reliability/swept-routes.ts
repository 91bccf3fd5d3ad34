import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AUTH_BASE_PATH } from '../src/common/auth-base-path.js';
import { BetterAuthService } from '../src/auth/better-auth.service.js';
import { routesOf } from '../src/common/route-catalog.js';

export interface SweptRoute {
  method: string;
  /** The registered pattern: `:name` and `*` are filled in by the sweep. */
  path: string;
  /** Better Auth's own endpoints take its session token; ours take the JWT. */
  owner: 'api' | 'better-auth';
}

/** One Better Auth endpoint as `auth.api` describes it (the same objects its router is built from). */
interface AuthEndpoint {
  path?: string;
  options?: { method?: string | string[]; metadata?: { SERVER_ONLY?: boolean } };
}

/** A path under /api/auth that Better Auth has no endpoint for: the catch-all must answer it too. */
export const UNKNOWN_AUTH_PATH = `${AUTH_BASE_PATH}/no-such-endpoint`;

/**
 * Everything the running server answers, listed from its routers: Fastify's routes as they were
 * registered, and in place of the `/api/auth/*` catch-all, every endpoint Better Auth's router
 * serves (plus one unknown path for each method the catch-all takes). HEAD is GET's twin, without a
 * body to check.
 */
export function sweptRoutes(app: NestFastifyApplication): SweptRoute[] {
  const authCatchAll = `${AUTH_BASE_PATH}/*`;
  const routes: SweptRoute[] = [];
  for (const { method, url } of routesOf(app)) {
    if (method === 'HEAD') continue;
    // `*` alone (the CORS preflight) is any path.
    routes.push(url === authCatchAll ? { method, path: UNKNOWN_AUTH_PATH, owner: 'better-auth' } : { method, path: url === '*' ? '/*' : url, owner: 'api' });
  }
  const endpoints = Object.values(app.get(BetterAuthService).auth.api as Record<string, AuthEndpoint>);
  for (const endpoint of endpoints) {
    // Server-only endpoints (no path, or marked so) are not routed: Better Auth's router skips them too.
    if (!endpoint.path || !endpoint.options?.method || endpoint.options.metadata?.SERVER_ONLY) continue;
    for (const method of [endpoint.options.method].flat()) {
      if (method !== 'HEAD') routes.push({ method: method === '*' ? 'POST' : method, path: `${AUTH_BASE_PATH}${endpoint.path}`, owner: 'better-auth' });
    }
  }
  return routes;
}
