/**
 * How long `npm start` takes until the server is listening: the first start in a fresh clone
 * (builds everything, initialises the embedded PostgreSQL) and a second start right after it
 * (nothing changed, so nothing is built). The clone shares this checkout's node_modules (a
 * symlink) instead of running `npm ci`, which is not part of what is measured.
 * npm run bench:startup [-- --runs 3] [-- --ref <commit>]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../server/src/common/project-root.js';

const READY_LINE = 'Chat widget server ready';

function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Runs `npm start` in `dir` and resolves with the seconds until it printed its ready line; stops it again. */
async function timeStart(dir: string): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['start'], {
    cwd: dir,
    // Its own process group, so stopping it stops npm, node and PostgreSQL together.
    detached: true,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', EXAMPLES_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(READY_LINE)) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
    });
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await stop(child);
  }
}

/** Ctrl-C, as in a terminal; the whole group is killed if it has not ended within 20 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGINT');
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 1;
  // --ref <commit> measures another commit (e.g. one from before a change), HEAD by default.
  const refArg = process.argv.indexOf('--ref');
  const root = projectRoot();
  const ref = execFileSync('git', ['rev-parse', '--short', refArg > 0 ? process.argv[refArg + 1]! : 'HEAD'], { cwd: root }).toString().trim();
  console.log(`npm start until listening; ${runs} fresh clone(s) of ${ref}`);
  for (let run = 1; run <= runs; run++) {
    const parent = mkdtempSync(join(tmpdir(), 'bench-startup-'));
    // Readable by the `postgres` user that the embedded PostgreSQL switches to when run as root.
    chmodSync(parent, 0o755);
    const dir = join(parent, 'clone');
    try {
      execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, dir]);
      execFileSync('git', ['checkout', '--quiet', ref], { cwd: dir });
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      const loadBefore = load();
      const first = await timeStart(dir);
      const second = await timeStart(dir);
      console.log(`run ${run}: first start ${first.toFixed(1)} s (load average before: ${loadBefore}), second start ${second.toFixed(1)} s (load average after: ${load()})`);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }
}

await main();
