import { beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK, SignJWT } from 'jose';
import { TEST_AUTH_SETTINGS } from '../../../test/auth-settings.js';
import { inProcessKeySet } from './in-process-key-set.js';
import { JwtVerifier } from './jwt-verifier.js';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

describe('inProcessKeySet', () => {
  let first: KeyPair;
  let second: KeyPair;
  let firstJwk: JWK;
  let secondJwk: JWK;

  const sign = (key: KeyPair, kid: string) =>
    new SignJWT({ sid: 's-1' })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject('user-1')
      .setIssuer(TEST_AUTH_SETTINGS.issuer)
      .setAudience(TEST_AUTH_SETTINGS.audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key.privateKey);

  /** A key store whose content the test changes, counting how often it is read. */
  function store(keys: JWK[]) {
    const state = { keys, reads: 0, down: false };
    const load = async (): Promise<JSONWebKeySet> => {
      state.reads++;
      if (state.down) throw new Error('connection refused');
      return { keys: state.keys };
    };
    return { state, load };
  }

  beforeAll(async () => {
    first = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    second = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    firstJwk = { ...(await exportJWK(first.publicKey)), kid: 'first', alg: 'EdDSA' };
    secondJwk = { ...(await exportJWK(second.publicKey)), kid: 'second', alg: 'EdDSA' };
  });

  it('reads the keys once and verifies from memory after that', async () => {
    const { state, load } = store([firstJwk]);
    const verifier = new JwtVerifier(TEST_AUTH_SETTINGS, inProcessKeySet(load, { cooldownMs: 30_000, maxAgeMs: 600_000, now: () => 0 }));
    const token = await sign(first, 'first');
    await Promise.all([verifier.verify(token), verifier.verify(token)]);
    await verifier.verify(token);
    expect(state.reads).toBe(1);
  });

  it('picks up a new key on an unknown kid, but reads the store at most once per cooldown', async () => {
    const { state, load } = store([firstJwk]);
    let clock = 0;
    const verifier = new JwtVerifier(TEST_AUTH_SETTINGS, inProcessKeySet(load, { cooldownMs: 30_000, maxAgeMs: 600_000, now: () => clock }));
    await verifier.verify(await sign(first, 'first'));
    state.keys = [firstJwk, secondJwk];
    const rotated = await sign(second, 'second');

    clock = 10_000; // within the cooldown: the unknown kid is refused without reading the store
    await expect(verifier.verify(rotated)).rejects.toMatchObject({ code: 'TOKEN_UNKNOWN_KEY' });
    await expect(verifier.verify(await sign(second, 'forged-kid'))).rejects.toMatchObject({ code: 'TOKEN_UNKNOWN_KEY' });
    expect(state.reads).toBe(1);

    clock = 30_000;
    await expect(verifier.verify(rotated)).resolves.toMatchObject({ sub: 'user-1' });
    expect(state.reads).toBe(2);
  });

  it('stops trusting a removed key once the key set is older than its maximum age', async () => {
    const { state, load } = store([firstJwk, secondJwk]);
    let clock = 0;
    const verifier = new JwtVerifier(TEST_AUTH_SETTINGS, inProcessKeySet(load, { cooldownMs: 30_000, maxAgeMs: 600_000, now: () => clock }));
    const token = await sign(second, 'second');
    await verifier.verify(token);
    state.keys = [firstJwk];
    clock = 600_000;
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'TOKEN_UNKNOWN_KEY' });
  });

  it('answers 503 SERVICE_UNAVAILABLE, not 401, while the keys cannot be read, and recovers', async () => {
    const { state, load } = store([firstJwk]);
    state.down = true;
    const verifier = new JwtVerifier(TEST_AUTH_SETTINGS, inProcessKeySet(load, { cooldownMs: 30_000, maxAgeMs: 600_000, now: () => 0 }));
    const token = await sign(first, 'first');
    await expect(verifier.verify(token)).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    state.down = false;
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'user-1' });
  });
});
