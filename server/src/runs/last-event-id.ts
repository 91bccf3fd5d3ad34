import { DomainError } from '../common/domain-error.js';

/** Largest event id a client may name; a run keeps far fewer events (RUN_EVENTS_MAX). */
const MAX_EVENT_ID = 1_000_000_000;

/**
 * The position a client resumes from: the `Last-Event-ID` header (what EventSource sends on a
 * reconnect), else the `lastEventId` query parameter (for clients that cannot set headers), else 0.
 */
export function parseLastEventId(header: unknown, query: unknown): number {
  const raw = header ?? query;
  if (raw === undefined || raw === '') return 0;
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw.trim()) || Number(raw) > MAX_EVENT_ID) {
    throw new DomainError('INVALID_LAST_EVENT_ID', 'Last-Event-ID must be a whole number, at least 0, as sent in an event’s id');
  }
  return Number(raw);
}
