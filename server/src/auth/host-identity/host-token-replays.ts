import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

/** Every statement this store runs, by name; `queries/host-token-replays.sql` is their snapshot. */
export const hostTokenReplayQueries = {
  /**
   * Spends a token id: one row per id until the token expires. The insert answers a row only the
   * first time, so of two concurrent sign-ins with one token exactly one gets through. The same
   * statement deletes the rows whose tokens have expired (few each time, by the index), so the
   * table holds only tokens still alive, with no job to schedule.
   */
  spend: `WITH expired AS (DELETE FROM host_token_replays WHERE expires_at < now())
    INSERT INTO host_token_replays (jti_hash, expires_at) VALUES ($1, to_timestamp($2))
    ON CONFLICT (jti_hash) DO NOTHING
    RETURNING jti_hash`,
} as const;

/**
 * The ids (`jti`) of the identity tokens already used, so each token signs in once. Ids are kept
 * as hashes: fixed length whatever the host sends, and nothing readable in the table.
 */
export class HostTokenReplays {
  constructor(private readonly pool: Pool) {}

  /** True the first time an id is spent; false for a replay. `expiresAt` in seconds since the epoch. */
  async spend(jti: string, expiresAt: number): Promise<boolean> {
    const hash = createHash('sha256').update(jti).digest('base64url');
    const { rowCount } = await this.pool.query(hostTokenReplayQueries.spend, [hash, expiresAt]);
    return rowCount === 1;
  }
}
