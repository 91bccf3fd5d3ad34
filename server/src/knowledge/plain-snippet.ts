/**
 * A source snippet is shown as plain text under the answer, so the Markdown the chunks are stored
 * in (fences, backticks, emphasis, table pipes, links) would show as stray symbols. This keeps the
 * words and drops the syntax.
 */
export function plainSnippet(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, ' ')
    .replace(/\s*\|\s*/g, ' · ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/(^|\s)[*_](\S[^*_]*\S|\S)[*_](?=\s|$|[.,;:!?])/g, '$1$2')
    .replace(/^\s*#{1,6}\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/\s+/g, ' ')
    .replace(/^(\s*·\s*)+|(\s*·\s*)+$/g, '')
    .replace(/(\s*·\s*){2,}/g, ' · ')
    .trim();
}
