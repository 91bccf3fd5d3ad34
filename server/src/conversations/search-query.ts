/**
 * Search input → a PostgreSQL tsquery string built only from word characters, so no user input
 * ever reaches to_tsquery's syntax: every word must match, the last one as a prefix (search as
 * you type: "pass" finds "password").
 */
export function searchTsquery(input: string): string | null {
  const words = (input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
  if (words.length === 0) return null;
  return words.map((word, i) => (i === words.length - 1 && word.length >= 2 ? `${word}:*` : word)).join(' & ');
}

// ts_headline marks matches with control characters that cannot occur in stored text (they are
// stripped from the content before highlighting), so the markers cannot be forged.
const START = '\u0002';
const STOP = '\u0003';
export const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

export interface Snippet {
  text: string;
  highlights: Array<{ start: number; end: number }>;
}

/** Turns ts_headline's marked text into plain text plus highlight ranges. */
export function snippetFromHeadline(headline: string): Snippet {
  let text = '';
  const highlights: Snippet['highlights'] = [];
  let open: number | undefined;
  for (const char of headline) {
    if (char === START) open = text.length;
    else if (char === STOP) {
      if (open !== undefined && text.length > open) highlights.push({ start: open, end: text.length });
      open = undefined;
    } else text += char;
  }
  return { text, highlights };
}
