import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { projectRoot } from './common/project-root.js';
import { folderCycles, folderImportGraph } from '../test/folder-imports.js';

const srcDir = join(projectRoot(), 'server', 'src');

describe('feature folders of server/src', () => {
  it('never import a folder that imports them back, directly or through others', () => {
    const graph = folderImportGraph(srcDir);
    const cycles = folderCycles(graph).map((folders) =>
      folders.map((from) => `${from} → ${[...graph.get(from)!].filter((to) => folders.includes(to)).join(', ')}`).join('; '),
    );
    expect(cycles).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(folderCycles(graph)).toEqual([['a', 'b', 'c']]);
  });

  it('reads imports from the sources, type-only ones included', () => {
    const graph = folderImportGraph(srcDir);
    expect(graph.get('conversations')).toContain('agents');
    expect(graph.get('app.module.ts')).toBeUndefined();
  });
});
