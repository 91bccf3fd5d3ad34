import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { rmSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';

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

// Two entries sharing chunks: chat-widget.js registers the element (script tag, `define` export),
// index.js only exports classes (bundlers). The panel is a dynamic import, so it becomes its own
// chunk that loads when the chat is first opened.
export default {
  input: { 'chat-widget': 'widget/src/chat-widget.ts', index: 'widget/src/index.ts' },
  output: { dir: 'dist/widget', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  plugins: [
    cleanOutput,
    resolve({ browser: true }),
    typescript({ tsconfig: 'widget/tsconfig.json', noEmit: false, outDir: 'dist/widget', rootDir: resolvePath('widget/src'), declaration: true, declarationDir: 'dist/widget/types' }),
    minifyCss,
    terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
  ],
};
