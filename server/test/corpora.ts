import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Lines of a test corpus (comments and blank lines dropped). The corpora are copies of the team's
 * shared ones (shared/corpora), kept in the repository so a clone tests on its own.
 */
export function corpus(name: 'bad-strings.txt' | 'xss.txt'): string[] {
  return readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'corpora', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('# '));
}
