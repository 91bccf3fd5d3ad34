import serverGlobalTeardown from '../../server/test/global-teardown.mjs';

export default async function globalTeardown() {
  const { server, verifyingServer, guestServer, socialGuestServer, agent } = globalThis.__WIDGET_TEST__ ?? {};
  // When the server project ran too, its teardown may have stopped PostgreSQL already.
  await verifyingServer?.close().catch(() => undefined);
  await guestServer?.close().catch(() => undefined);
  await socialGuestServer?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await agent?.stop();
  if (globalThis.__WIDGET_OWNS_PG__) await serverGlobalTeardown();
}
