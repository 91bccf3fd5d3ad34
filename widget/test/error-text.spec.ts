import { describe, expect, it } from '@jest/globals';
import { errorText } from '../src/components/base/report-error.js';
import { resolveStrings } from '../src/i18n/index.js';
import { ApiError } from '../src/services/api-error.js';

// Which words each failure gets: the states the issue asks to tell apart.
describe('error states', () => {
  const t = resolveStrings('en');

  it.each([
    [new ApiError(0, 'NETWORK', 'Failed to fetch'), t.errorServer],
    [new ApiError(401, 'SESSION_EXPIRED', 'Session expired'), t.errorSession],
    [new ApiError(429, 'RATE_LIMITED', 'Too many', 42), 'Too many messages. Please wait 42 s and retry.'],
    [new ApiError(502, 'AGENT_FAILED', 'boom'), t.errorAgent],
    [new ApiError(504, 'AGENT_TIMEOUT', 'slow'), t.errorAgent],
    [new ApiError(503, 'DATABASE_UNAVAILABLE', 'db'), t.errorServer],
    [new ApiError(400, 'VALIDATION_FAILED', 'message must be shorter'), 'message must be shorter'],
  ])('%s', (error, expected) => {
    expect(errorText(t, error)).toBe(expected);
  });

  it('says "offline" when the browser knows it is', () => {
    const online = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(navigator), 'onLine');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      expect(errorText(t, new ApiError(0, 'NETWORK', 'Failed to fetch'))).toBe(t.errorOffline);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      if (online) expect(navigator.onLine).toBe(true);
    }
  });

  it('reads Retry-After and the JSON error body of a response', async () => {
    const response = new Response(JSON.stringify({ statusCode: 429, code: 'RATE_LIMITED', message: 'Slow down' }), { status: 429, headers: { 'retry-after': '7' } });
    expect(await ApiError.fromResponse(response)).toMatchObject({ status: 429, code: 'RATE_LIMITED', message: 'Slow down', retryAfter: 7 });
  });
});
