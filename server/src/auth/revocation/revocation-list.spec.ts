import { describe, expect, it } from '@jest/globals';
import { RevocationList } from './revocation-list.js';

describe('RevocationList', () => {
  it('refuses a revoked session and every session of a deleted user, and nothing else', () => {
    const list = new RevocationList(1_000, () => 0);
    list.add('session', 's1');
    list.add('user', 'u2');
    expect(list.isRevoked('s1', 'u1')).toBe(true);
    expect(list.isRevoked('s2', 'u2')).toBe(true);
    expect(list.isRevoked('s2', 'u1')).toBe(false);
  });

  it('forgets an entry once no token naming it can still be valid', () => {
    let clock = 0;
    const list = new RevocationList(1_000, () => clock);
    list.add('session', 'old');
    clock = 600;
    list.add('session', 'new');
    clock = 1_000;
    list.prune();
    expect([list.isRevoked('old', 'u'), list.isRevoked('new', 'u'), list.size]).toEqual([false, true, 1]);
  });

  it('keeps an entry revoked again for a whole lifetime from the latest revocation', () => {
    let clock = 0;
    const list = new RevocationList(1_000, () => clock);
    list.add('user', 'u');
    list.add('user', 'v');
    clock = 900;
    list.add('user', 'u');
    clock = 1_500;
    list.prune();
    expect([list.isRevoked('x', 'u'), list.isRevoked('x', 'v')]).toEqual([true, false]);
  });
});
