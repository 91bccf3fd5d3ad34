import type { ErrorBody } from './api-types.js';

/**
 * Every failure the widget shows, with the server's stable `code` when there is one. Codes the
 * widget adds itself: NETWORK (offline or server unreachable), SESSION_EXPIRED, ABORTED.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds, from Retry-After on 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    // Partial: a proxy or Better Auth in front may answer with another shape.
    const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
    const retryAfter = Number(response.headers.get('retry-after')) || undefined;
    return new ApiError(response.status, body?.code ?? `HTTP_${response.status}`, body?.message ?? response.statusText, retryAfter);
  }

  static network(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    if (error instanceof DOMException && error.name === 'AbortError') return new ApiError(0, 'ABORTED', 'Aborted');
    return new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
}
