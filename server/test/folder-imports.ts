import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** folder → the other folders its TypeScript files import (type-only imports included). */
export type FolderGraph = Map<string, Set<string>>;

/**
 * The import graph between the top-level folders of `srcDir`, read from every non-test `.ts`
 * file with the TypeScript scanner. Files directly in `srcDir` (the app's composition root)
 * are left out: they import everything by design.
 */
export function folderImportGraph(srcDir: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(srcDir)) {
    const from = topFolder(srcDir, file);
    if (!from) continue;
    const targets = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = topFolder(srcDir, resolve(dirname(file), fileName));
      if (to && to !== from) targets.add(to);
    }
  }
  return graph;
}

/** Every cycle's folders (strongly connected components of more than one folder), sorted. */
export function folderCycles(graph: FolderGraph): string[][] {
  // Tarjan's algorithm: small graph, recursion is fine.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name)) yield path;
  }
}

function topFolder(srcDir: string, file: string): string | undefined {
  const parts = relative(srcDir, file).split(sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
}
