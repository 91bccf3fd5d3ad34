import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../src/database/free-port.js';
import { spawnDaemon, stopDaemon, waitForPort } from './child-process.js';
import { systemBinary } from './system-binary.js';

export interface TestPgBouncer {
  /** `postgresUrl` with host and port swapped for the pooler's. */
  pooled(postgresUrl: string): string;
  stop(): Promise<void>;
}

/**
 * A real PgBouncer in transaction pooling mode (what Neon's pooled connection string is) in front
 * of the PostgreSQL at `postgresUrl`: no session state kept between transactions, and this version
 * (1.18) has no support for named prepared statements at all.
 */
export async function startPgBouncer(postgresUrl: string): Promise<TestPgBouncer> {
  const binary = systemBinary('pgbouncer', 'pgbouncer');
  const target = new URL(postgresUrl);
  const port = await findFreePort();
  const dir = await mkdtemp(join(tmpdir(), 'chat-widget-pgbouncer-'));
  await chmod(dir, 0o755);
  const user = decodeURIComponent(target.username);
  const password = decodeURIComponent(target.password);
  await writeFile(join(dir, 'userlist.txt'), `"${user}" "${password}"\n`, { mode: 0o644 });
  await writeFile(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${target.hostname} port=${target.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = plain',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 1000',
      'default_pool_size = 20',
      'ignore_startup_parameters = extra_float_digits',
      'server_reset_query =',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  // PgBouncer refuses to run as root; the postgres user comes with the Debian package.
  const asUser = process.getuid?.() === 0 ? ['-u', 'postgres'] : [];
  const daemon = spawnDaemon(binary, [...asUser, join(dir, 'pgbouncer.ini')]);
  try {
    await waitForPort(port);
  } catch (error) {
    await stopDaemon(daemon.child);
    throw new Error(`pgbouncer did not start: ${daemon.output()}`, { cause: error });
  }
  return {
    pooled: (url) => {
      const pooled = new URL(url);
      pooled.hostname = '127.0.0.1';
      pooled.port = String(port);
      return pooled.toString();
    },
    stop: async () => {
      await stopDaemon(daemon.child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
