import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, posix, resolve as resolvePath } from 'node:path';
import { precompress } from './widget/scripts/precompress.mjs';

/** Squeezes the whitespace out of our css`` literals (none interpolates), which terser leaves alone. */
const minifyCss = {
  name: 'minify-css-literals',
  transform(code, id) {
    if (!id.includes('/widget/src/')) return null;
    const minified = code.replace(/\bcss\s*`([^`$]*)`/g, (_, body) => `css\`${body.replace(/\s+/g, ' ').replace(/\s*([{};,>])\s*/g, '$1').replace(/:\s+/g, ':').replace(/;}/g, '}').trim()}\``);
    return { code: minified, map: null };
  },
};

/** Chunk names carry a content hash: without a clean start, every build would leave the old ones behind. */
const cleanOutput = {
  name: 'clean-output',
  buildStart() {
    rmSync('dist/widget', { recursive: true, force: true });
  },
};

/**
 * Writes the panel's chunk and its static imports into the launcher's preload list
 * (widget/src/launcher/preload-panel.ts). Runs before hashing: the names still carry rollup's hash
 * placeholders, which rollup replaces everywhere, this list included.
 */
const PANEL_FILES = '__CHAT_WIDGET_PANEL_FILES__';
const panelPreloadList = {
  name: 'panel-preload-list',
  renderChunk(code, chunk, _options, meta) {
    if (!code.includes(PANEL_FILES)) return null;
    const panel = Object.values(meta.chunks).find((c) => c.facadeModuleId?.endsWith('/launcher/panel-chunk.ts'));
    if (!panel) this.error('panel-chunk.ts is not a chunk of its own');
    const files = [];
    const visit = (fileName) => {
      if (files.includes(fileName) || fileName === chunk.fileName) return;
      files.push(fileName);
      for (const imported of meta.chunks[fileName].imports) visit(imported);
    };
    visit(panel.fileName);
    const list = files.map((file) => `./${posix.relative(posix.dirname(chunk.fileName), file)}`).join(',');
    return { code: code.replaceAll(PANEL_FILES, `${posix.basename(chunk.fileName)}|${list}`), map: null };
  },
};

/** Brotli and gzip copies of every script, which the server sends as they are (no compression per request). */
const precompressScripts = {
  name: 'precompress',
  writeBundle(options, bundle) {
    for (const fileName of Object.keys(bundle).filter((name) => name.endsWith('.js'))) precompress(join(options.dir, fileName));
  },
};

// Two entries sharing chunks: chat-widget.js registers the element (script tag, `define` export),
// index.js only exports classes (bundlers). The panel is a dynamic import, so it becomes its own
// chunk that loads when the chat is first opened (or is preloaded when the page is idle).
const widget = {
  input: { 'chat-widget': 'widget/src/chat-widget.ts', index: 'widget/src/index.ts' },
  output: { dir: 'dist/widget', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  plugins: [
    cleanOutput,
    resolve({ browser: true }),
    typescript({ tsconfig: 'widget/tsconfig.json', noEmit: false, outDir: 'dist/widget', rootDir: resolvePath('widget/src'), declaration: true, declarationDir: 'dist/widget/types' }),
    minifyCss,
    panelPreloadList,
    terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    precompressScripts,
  ],
};

/** The console's page and its stylesheet sit next to its script in dist/console. */
const consolePage = {
  name: 'console-page',
  buildStart() {
    rmSync('dist/console', { recursive: true, force: true });
  },
  writeBundle(options) {
    mkdirSync(options.dir, { recursive: true });
    for (const file of ['index.html', 'console.css']) copyFileSync(join('console', file), join(options.dir, file));
  },
};

// The site owner's console (/admin): a bundle of its own, which nothing in the widget imports.
const siteConsole = {
  input: { console: 'console/src/main.ts' },
  output: { dir: 'dist/console', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  plugins: [
    consolePage,
    resolve({ browser: true }),
    typescript({ tsconfig: 'console/tsconfig.json', noEmit: false, outDir: 'dist/console', rootDir: resolvePath('.'), declaration: false, include: ['console/src/**/*.ts', 'widget/src/services/api-contract.generated.ts'] }),
    terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    precompressScripts,
  ],
};

export default [widget, siteConsole];
