import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { projectRoot } from './common/project-root.js';

const serverDir = join(projectRoot(), 'server');

/** Every server source file the given one reaches through its relative imports. */
function reachableFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)) {
      pending.push(resolve(dirname(file), `${specifier}.ts`));
    }
  }
  return seen;
}

describe('production entry point', () => {
  it('never loads the development-only code (the examples server)', () => {
    const files = [...reachableFrom(join(serverDir, 'src', 'main.ts'))];
    expect(files).toContain(join(serverDir, 'src', 'create-app.ts'));
    expect(files.filter((f) => f.startsWith(join(serverDir, 'dev')))).toEqual([]);
  });

  it('is what the development entry point builds on, adding the examples', () => {
    const files = [...reachableFrom(join(serverDir, 'dev', 'main.ts'))];
    expect(files).toContain(join(serverDir, 'src', 'create-app.ts'));
    expect(files).toContain(join(serverDir, 'dev', 'examples-server.ts'));
  });
});
