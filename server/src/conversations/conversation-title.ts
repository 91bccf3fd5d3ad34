const TITLE_LENGTH = 80;

/** A title from the first message: its first non-empty line, whitespace collapsed, shortened. */
export function titleFromMessage(message: string): string {
  const line = message.split(/\r?\n/).find((l) => l.trim()) ?? message;
  const collapsed = line.replace(/\s+/g, ' ').trim();
  const chars = [...collapsed];
  return chars.length <= TITLE_LENGTH ? collapsed : `${chars.slice(0, TITLE_LENGTH - 1).join('').trimEnd()}…`;
}
