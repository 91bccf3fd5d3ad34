import { describe, expect, it } from '@jest/globals';
import { VerifiedTokenCache } from './verified-token-cache.js';

describe('VerifiedTokenCache', () => {
  it('returns a value until its expiry, then forgets it', () => {
    let clock = 1_000;
    const cache = new VerifiedTokenCache<string>(10, () => clock);
    cache.set('t', 'ada', 2_000);
    expect(cache.get('t')).toBe('ada');
    clock = 2_000;
    expect(cache.get('t')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new VerifiedTokenCache<number>(2, () => 0);
    cache.set('a', 1, 10);
    cache.set('b', 2, 10);
    cache.get('a');
    cache.set('c', 3, 10);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });
});
