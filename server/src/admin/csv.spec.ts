import { describe, expect, it } from '@jest/globals';
import { csvCell, toCsv } from './csv.js';

describe('CSV export', () => {
  it.each(['=SUM(A1:A2)', '+1', '-2+3', '@cmd', '\t=1', '\r=1'])('keeps %j a text cell, never a formula', (text) => {
    expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/);
  });

  it('leaves numbers, including negative ones, as numbers', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(0.25)).toBe('0.25');
  });

  it('quotes commas, quotes and line breaks, and writes dates as ISO 8601', () => {
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvCell(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header row and one CRLF-terminated line per row', () => {
    const csv = toCsv<{ q: string; n: number }>([['question', (r) => r.q], ['count', (r) => r.n]], [{ q: '=1+1', n: 2 }]);
    expect(csv).toBe("question,count\r\n'=1+1,2\r\n");
  });
});
