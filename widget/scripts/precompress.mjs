// Brotli and gzip copies next to a file (`x.js.br`, `x.js.gz`), which the server sends as they are
// instead of compressing every response (server/src/static/widget-files.ts, `preCompressed`).
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export function precompress(path) {
  const content = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
}
