/** Words per streamed delta: small enough to look live, large enough not to flood the stream. */
const WORDS_PER_PIECE = 4;

/** Cuts text into pieces of a few words (whitespace kept) that concatenate back to the text. */
export function textPieces(text: string): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_PIECE) pieces.push(words.slice(i, i + WORDS_PER_PIECE).join(''));
  return pieces;
}
