import type { Clock } from '../../common/clock.js';
import type { GuestRepository } from './guest.repository.js';

/** Guests deleted per statement: short transactions, however many expired at once. */
const BATCH_SIZE = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgeReport {
  /** Better Auth users (with their sessions and accounts). */
  guests: number;
  /** Our users rows (with their conversations and messages). */
  users: number;
}

/**
 * Deletes the guests whose retention period (GUEST_RETENTION_DAYS after their last visit) has
 * passed, batch by batch until none is left. Safe on several instances at once: each batch is one
 * statement that skips the guests another instance (or a merge) holds.
 */
export async function purgeExpiredGuests(guests: GuestRepository, retentionDays: number, now: Clock): Promise<PurgeReport> {
  const cutoff = new Date(now() - retentionDays * DAY_MS);
  const total: PurgeReport = { guests: 0, users: 0 };
  for (;;) {
    const batch = await guests.purgeBatch(cutoff, BATCH_SIZE);
    total.guests += batch.guests;
    total.users += batch.users;
    if (batch.guests < BATCH_SIZE) return total;
  }
}
