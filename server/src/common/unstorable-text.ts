/**
 * PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate cannot be encoded as UTF-8 (it
 * would silently become U+FFFD). Such strings are refused at the edge instead of failing deep in
 * the database or changing on the way in.
 * Absurdly deep documents are refused here too.
 * Returns a description of where the first such string is, or undefined when all is storable.
 */
const MAX_DEPTH = 32;

export function findUnstorableText(value: unknown, path = 'body', depth = 0): string | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return `${path} contains a NUL character`;
    if (!value.isWellFormed()) return `${path} contains an unpaired surrogate (not valid Unicode)`;
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  // No request needs this much nesting, and recursive code further on (validation, JSON.stringify)
  // would overflow the stack on it.
  if (depth > MAX_DEPTH) return `${path} is nested more than ${MAX_DEPTH} levels deep`;
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = findUnstorableText(key, `${path} key`, depth + 1);
    if (keyProblem) return keyProblem;
    const problem = findUnstorableText(child, `${path}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
