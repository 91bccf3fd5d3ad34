// One real server for all widget tests, on the server tests' template database. The server's test
// helpers (and agent-script.ts) are TypeScript, which Jest does not transform for a global setup:
// they are transpiled here, with swc, next to the compiled server (`npm test` builds it first).
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import serverGlobalSetup from '../../server/test/global-setup.mjs';

const root = join(import.meta.dirname, '..', '..');
const outDir = join(root, 'dist', 'test-helpers');

async function tsFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')).map((e) => join(e.parentPath, e.name));
}

/** Mirrors the repository layout under dist/test-helpers; `server/src` points at the compiled server. */
async function transpileHelpers() {
  await rm(outDir, { recursive: true, force: true });
  const files = [...(await tsFiles(join(root, 'server', 'test'))), join(root, 'widget', 'test', 'agent-script.ts')];
  for (const file of files) {
    const { code } = await transformFile(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, code);
  }
  await symlink(join(root, 'dist', 'server', 'src'), join(outDir, 'server', 'src'), 'dir');
}

export default async function globalSetup() {
  // With the server project in the same run, its setup already made the database template.
  if (!process.env.TEST_PG_ADMIN_URL) {
    await serverGlobalSetup();
    globalThis.__WIDGET_OWNS_PG__ = true;
  }
  await transpileHelpers();
  const { startTestServer } = await import(join(outDir, 'server', 'test', 'test-server.js'));
  const { startAgent } = await import(join(outDir, 'widget', 'test', 'agent-script.js'));
  const agent = await startAgent();
  // Tests prepare dozens of conversations per user; the per-user agent-run limit is not what they test.
  const { TEST_HOST_ENV } = await import(join(outDir, 'server', 'test', 'host-identity.js'));
  const server = await startTestServer({ AGENT_RATE_LIMIT: '10000', ...TEST_HOST_ENV, ...agent.env });
  // A second instance on the same database and public URL (as behind one load balancer: Better Auth
  // instances in one process share their token issuer) that requires confirmed email addresses.
  const verifyingServer = await startTestServer({ REQUIRE_EMAIL_VERIFICATION: 'true', PUBLIC_URL: server.url, ...agent.env }, { database: server.database });
  // And one that lets guests in (AUTH_MODES=guest), as the docs-site example does.
  const guestServer = await startTestServer(
    { AUTH_MODES: 'guest,password,social', GUEST_AGENT_RATE_LIMIT: '10000', PUBLIC_URL: server.url, ...agent.env },
    { database: server.database },
  );
  // And guests with social sign-in only (no password form), to show the widget following AUTH_MODES.
  const socialGuestServer = await startTestServer(
    { AUTH_MODES: 'guest,social', GITHUB_CLIENT_ID: 'widget-test', GITHUB_CLIENT_SECRET: 'widget-test-secret', PUBLIC_URL: server.url, ...agent.env },
    { database: server.database },
  );
  globalThis.__WIDGET_TEST__ = { server, verifyingServer, guestServer, socialGuestServer, agent };
  process.env.WIDGET_TEST_SERVER = server.url;
  process.env.WIDGET_TEST_VERIFYING_SERVER = verifyingServer.url;
  process.env.WIDGET_TEST_GUEST_SERVER = guestServer.url;
  process.env.WIDGET_TEST_SOCIAL_GUEST_SERVER = socialGuestServer.url;
  process.env.WIDGET_TEST_DATABASE_URL = server.database.url;
}
