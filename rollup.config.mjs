import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { resolve as resolvePath } from 'node:path';

// Two entries sharing chunks: chat-widget.js registers the element (script tag, `define` export),
// index.js only exports classes (bundlers). The panel is a dynamic import, so it becomes its own
// chunk that loads when the chat is first opened.
export default {
  input: { 'chat-widget': 'widget/src/chat-widget.ts', index: 'widget/src/index.ts' },
  output: { dir: 'dist/widget', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  plugins: [
    resolve({ browser: true }),
    typescript({ tsconfig: 'widget/tsconfig.json', noEmit: false, outDir: 'dist/widget', rootDir: resolvePath('widget/src'), declaration: true, declarationDir: 'dist/widget/types' }),
    terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
  ],
};
