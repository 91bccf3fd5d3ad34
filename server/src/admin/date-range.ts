import { DomainError } from '../common/domain-error.js';
import type { TimeRange } from './console.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The default filter: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;
/** Longest range a panel reads: a year and a day, so a leap year's full year fits. */
export const MAX_RANGE_DAYS = 366;

export interface DayRange extends TimeRange {
  /** The inclusive first and last UTC days, as asked (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
}

function parseDay(text: string, name: string): number {
  const time = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March: a day that does not exist is a mistake.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text) {
    throw new DomainError('VALIDATION_FAILED', `${name} must be a date that exists (YYYY-MM-DD)`);
  }
  return time;
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** `from`/`to` (inclusive UTC days, either optional) → the half-open time range the queries read. */
export function dayRange(query: { from?: string; to?: string }, now: number): DayRange {
  const last = query.to ? parseDay(query.to, 'to') : Math.floor(now / DAY_MS) * DAY_MS;
  const first = query.from ? parseDay(query.from, 'from') : last - (DEFAULT_RANGE_DAYS - 1) * DAY_MS;
  if (first > last) throw new DomainError('VALIDATION_FAILED', 'from must not be after to');
  if ((last - first) / DAY_MS + 1 > MAX_RANGE_DAYS) throw new DomainError('VALIDATION_FAILED', `the range must not exceed ${MAX_RANGE_DAYS} days`);
  return { from: new Date(first), to: new Date(last + DAY_MS), firstDay: isoDay(first), lastDay: isoDay(last) };
}
