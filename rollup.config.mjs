import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

export default {
  input: 'widget/src/chat-widget.ts',
  output: { dir: 'dist/widget', format: 'es', sourcemap: true },
  plugins: [resolve({ browser: true }), typescript({ tsconfig: 'widget/tsconfig.json', noEmit: false, outDir: 'dist/widget' }), terser()],
};
