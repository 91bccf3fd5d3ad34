// Builds what `npm start` needs, skipping each part whose inputs have not changed since its last
// successful build: a second start with nothing changed builds nothing. `--all` rebuilds every
// part regardless (`npm run build`, CI, `npm test`).
//
// A part's fingerprint is a hash of the path, size and modification time of every input file and
// of its command; it is written to dist/.build/<part>.json only after the command succeeded, so a
// failed or interrupted build runs again next time. Any touched, added or removed input, a missing
// output, or a rebuilt dependency makes the part stale.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampDir = join(root, 'dist', '.build');

/** In build order; `after` names parts whose output this one reads. */
const PARTS = [
  {
    name: 'server',
    command: 'npm run build:server',
    inputs: ['server/src', 'server/dev', 'bench', 'ormconfig.ts', 'server/tsconfig.json', 'tsconfig.base.json', 'package-lock.json'],
    output: 'dist/server/dev/main.js',
  },
  {
    name: 'widget',
    command: 'npm run build:widget',
    inputs: ['widget/src', 'widget/scripts', 'widget/tsconfig.json', 'console', 'rollup.config.mjs', 'tsconfig.base.json', 'package.json', 'package-lock.json'],
    output: 'dist/widget/chat-widget.js',
  },
  {
    name: 'examples',
    command: 'npm run build:examples',
    inputs: ['examples/framework', 'tsconfig.base.json', 'package.json', 'package-lock.json'],
    output: 'dist/examples/framework/app.js',
    after: ['widget'],
  },
];

function* files(path) {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    yield [path, stat];
    return;
  }
  for (const entry of readdirSync(path).sort()) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    yield* files(join(path, entry));
  }
}

function fingerprint(part) {
  const hash = createHash('sha256').update(part.command);
  for (const input of part.inputs) {
    for (const [file, stat] of files(join(root, input))) hash.update(`\n${relative(root, file)}:${stat.size}:${stat.mtimeMs}`);
  }
  return hash.digest('hex');
}

function lastFingerprint(part) {
  try {
    return JSON.parse(readFileSync(join(stampDir, `${part.name}.json`), 'utf8')).fingerprint;
  } catch {
    return undefined;
  }
}

const all = process.argv.includes('--all');
const rebuilt = new Set();
for (const part of PARTS) {
  const current = fingerprint(part);
  const stale =
    all ||
    current !== lastFingerprint(part) ||
    !existsSync(join(root, part.output)) ||
    (part.after ?? []).some((name) => rebuilt.has(name));
  if (!stale) {
    console.log(`build: ${part.name} is up to date`);
    continue;
  }
  console.log(`build: ${part.name}: ${part.command}`);
  const { status } = spawnSync(part.command, { cwd: root, stdio: 'inherit', shell: true });
  if (status !== 0) process.exit(status ?? 1);
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(join(stampDir, `${part.name}.json`), JSON.stringify({ fingerprint: current, builtAt: new Date().toISOString() }) + '\n');
  rebuilt.add(part.name);
}
