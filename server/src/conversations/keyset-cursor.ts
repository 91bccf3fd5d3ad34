import { DomainError } from '../common/domain-error.js';

/** A position in a list ordered by (timestamp DESC, id DESC). */
export interface KeysetPosition {
  /** PostgreSQL timestamptz text with microseconds, so no row shares a position by rounding. */
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Opaque to clients: base64url of the position. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [at, id] = parsed as unknown[];
      if (typeof at === 'string' && TIMESTAMP.test(at) && typeof id === 'string' && UUID.test(id) && !Number.isNaN(Date.parse(at))) {
        return { at, id };
      }
    }
  } catch {
    // fall through: any decoding problem is the same client mistake
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this server issued; start again without it.');
}

/** SQL expression turning a timestamptz column into the cursor's exact text form. */
export const cursorTimestampSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
