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

/**
 * The awkward strings as concrete values: the corpus writes some of them as descriptions
 * ("\u0000 (a NUL byte)", "(empty string)", "a very long single word of 10000 characters").
 */
export function awkwardStrings(): string[] {
  return corpus('bad-strings.txt').flatMap((line) => {
    if (line === '(empty string)') return [''];
    if (line === 'a very long single word of 10000 characters') return ['w'.repeat(10_000)];
    if (line.startsWith('a message of exactly the configured maximum length')) return [];
    const withoutNote = line.replace(/ \((a NUL byte|only spaces|only newlines|right-to-left override|multi-codepoint emoji)\)$/, '');
    return [withoutNote.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\n/g, '\n')];
  });
}
