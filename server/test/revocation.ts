import { expect } from '@jest/globals';
import request from 'supertest';

/** The bound: a revoked session's JWT stops working within this long, on every instance. */
export const REVOCATION_DEADLINE_MS = 5000;

/** Asks with the JWT until it is refused as revoked; fails if that takes longer than the deadline. */
export async function expectRevokedWithin(baseUrl: string, jwt: string, deadlineMs = REVOCATION_DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const response = await request(baseUrl).get('/users/me').set('Authorization', `Bearer ${jwt}`);
    if (response.status === 401) {
      expect(response.body.code).toBe('TOKEN_REVOKED');
      return;
    }
    expect(response.status).toBe(200);
    if (Date.now() > deadline) throw new Error(`the JWT still worked ${deadlineMs} ms after its session was revoked`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
