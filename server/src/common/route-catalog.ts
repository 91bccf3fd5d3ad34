import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface RouteEntry {
  method: string;
  /** As registered: `/conversations/:id`, `/widget/*`. */
  url: string;
}

const catalogs = new WeakMap<NestFastifyApplication, RouteEntry[]>();

/**
 * Records every route as Fastify registers it (Nest's controllers, static files, the OpenAPI page),
 * so what the server answers can be listed from the router itself rather than by hand: the
 * bad-input sweep (`npm run test:reliability`) walks this list. Call before any route is registered.
 */
export function recordRoutes(app: NestFastifyApplication): void {
  const routes: RouteEntry[] = [];
  catalogs.set(app, routes);
  app.getHttpAdapter().getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
}

/** The routes recorded for this app, in registration order. */
export function routesOf(app: NestFastifyApplication): readonly RouteEntry[] {
  const routes = catalogs.get(app);
  if (!routes) throw new Error('recordRoutes(app) was not called when the app was created');
  return routes;
}
