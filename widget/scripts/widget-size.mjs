// What a host page downloads for the widget: the script-tag entry and its static imports before the
// chat is first opened, and everything reachable (dynamic imports too) once it is.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Before open: the launcher alone, with no framework (issue 15: the lightest first paint in the field).
// Total: 60 KB until the panel gained runs that survive reloads, citations and feedback, the account view,
// guests and the host login (65.3 KB gzip together, see docs/performance.md); before-open stays 5 KB.
export const BUDGET = { beforeOpen: 5 * 1024, total: 70 * 1024 };

// Minified ES output: `import{a as b}from"./chunks/x.js"`, `import"./x.js"`, `import("./x.js")`.
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[^"'();]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

function closure(entry, { dynamic }) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const patterns = dynamic ? [STATIC_IMPORT, DYNAMIC_IMPORT] : [STATIC_IMPORT];
    for (const pattern of patterns) for (const match of code.matchAll(pattern)) visit(join(dirname(file), match[1]));
  };
  visit(entry);
  return [...seen];
}

function measure(files) {
  // Each file is a separate request, compressed on its own.
  return files.reduce(
    (sum, file) => {
      const code = readFileSync(file);
      sum.raw += code.length;
      sum.gzip += gzipSync(code, { level: 9 }).length;
      sum.brotli += brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      return sum;
    },
    { files: files.length, raw: 0, gzip: 0, brotli: 0 },
  );
}

/** Sizes of dist/widget/chat-widget.js and what it loads, before and after the panel opens. */
export function widgetSizes(distDir) {
  const entry = join(distDir, 'chat-widget.js');
  return {
    beforeOpen: measure(closure(entry, { dynamic: false })),
    total: measure(closure(entry, { dynamic: true })),
    files: closure(entry, { dynamic: true }).map((file) => relative(distDir, file)),
    beforeOpenFiles: closure(entry, { dynamic: false }).map((file) => relative(distDir, file)),
  };
}

export function formatSizes(sizes) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const line = (name, s, budget) =>
    `${name.padEnd(12)} ${String(s.files).padStart(2)} files  ${kb(s.raw).padStart(9)} min  ${kb(s.gzip).padStart(8)} gzip  ${kb(s.brotli).padStart(8)} brotli  (budget ${kb(budget)} gzip)`;
  return [line('before open', sizes.beforeOpen, BUDGET.beforeOpen), line('total', sizes.total, BUDGET.total)].join('\n');
}
