// Bundles the React example the way a customer's app would: the widget comes from the package's
// ES module build (dist/widget, so `npm run build:widget` runs first), React from node_modules.
import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** `import 'chat-widget-sdk/…'` from inside this repository resolves through the package's own exports. */
const selfReference = {
  name: 'self-reference',
  resolveId(source) {
    if (source !== pkg.name && !source.startsWith(`${pkg.name}/`)) return null;
    const entry = pkg.exports[`.${source.slice(pkg.name.length)}`];
    return entry ? join(root, entry.import) : null;
  },
};

export default {
  input: join(root, 'examples/framework/src/main.tsx'),
  // The widget loads its panel lazily, so the app keeps that split: app.js plus chunks.
  output: { dir: join(root, 'dist/examples/framework'), entryFileNames: 'app.js', chunkFileNames: 'chunks/[name]-[hash].js', format: 'es', sourcemap: true },
  plugins: [
    selfReference,
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    resolve({ browser: true }),
    commonjs(),
    typescript({ tsconfig: join(root, 'examples/framework/tsconfig.json'), noEmit: false, outDir: join(root, 'dist/examples/framework'), rootDir: 'src', noEmitOnError: true }),
    terser(),
  ],
};
