import { execFileSync } from 'node:child_process';

/**
 * The path of a system program a test needs (pgbouncer, redis-server). Missing means a broken test
 * machine, not a reason to skip: the test fails and says what to install (`.ci/run` installs both).
 */
export function systemBinary(name: string, debianPackage: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} is not installed; this test needs it. Install it with: apt-get install -y ${debianPackage}`);
  }
}
