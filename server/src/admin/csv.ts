export type CsvCell = string | number | boolean | Date | null | undefined;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * trim first) as a formula: a visitor's question such as `=HYPERLINK(...)` must stay text.
 * OWASP's advice: prefix such cells with a single quote.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 text (CRLF line ends, quoted where needed) with a header row; numbers and dates are
 * written as themselves, every string from a visitor goes through the formula guard.
 */
export function toCsv<Row>(columns: ReadonlyArray<readonly [header: string, value: (row: Row) => CsvCell]>, rows: readonly Row[]): string {
  const lines = [columns.map(([header]) => csvCell(header)).join(',')];
  for (const row of rows) lines.push(columns.map(([, value]) => csvCell(value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
