import type { AppConfig } from '../../config/app-config.js';

export type RevocationKind = 'session' | 'user';

/** How long a revocation matters: the longest a token issued just before it stays valid. */
export function revocationRetainSeconds(auth: Pick<AppConfig['auth'], 'jwtTtlSeconds' | 'clockToleranceSeconds'>): number {
  return auth.jwtTtlSeconds + auth.clockToleranceSeconds;
}

/**
 * Sessions and users deleted lately, in memory, so the JWT guard can refuse their tokens with two
 * map lookups and no query. An entry is kept only as long as a token naming it could still be
 * valid (`retainMs`: the JWT lifetime plus clock tolerance), which bounds the memory by the number
 * of revocations in one token lifetime.
 */
export class RevocationList {
  private readonly entries = { session: new Map<string, number>(), user: new Map<string, number>() };

  constructor(
    private readonly retainMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(kind: RevocationKind, id: string): void {
    const entries = this.entries[kind];
    // Re-inserted so the map stays in expiry order, which lets prune() stop at the first live entry.
    entries.delete(id);
    entries.set(id, this.now() + this.retainMs);
  }

  isRevoked(sessionId: string, userId: string): boolean {
    return this.entries.session.has(sessionId) || this.entries.user.has(userId);
  }

  prune(): void {
    const now = this.now();
    for (const entries of Object.values(this.entries)) {
      for (const [id, forgetAt] of entries) {
        if (forgetAt > now) break;
        entries.delete(id);
      }
    }
  }

  get size(): number {
    return this.entries.session.size + this.entries.user.size;
  }
}
