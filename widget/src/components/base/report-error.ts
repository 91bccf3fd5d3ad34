import { format, type Strings } from '../../i18n/index.js';
import { ApiError } from '../../services/api-error.js';
import type { WidgetElement } from './widget-element.js';

/** Internal event: a request was refused for want of a valid session; the panel shows the sign-in view. */
export const SESSION_EXPIRED = 'session-expired';

/** Announces a failure to the host page (`chat-widget:error`) and, for a 401, to the panel. */
export function reportError(element: WidgetElement, error: unknown): ApiError {
  const apiError = ApiError.network(error);
  element.emit('chat-widget:error', { code: apiError.code, message: apiError.message, status: apiError.status });
  if (apiError.status === 401) element.dispatchEvent(new Event(SESSION_EXPIRED, { bubbles: true, composed: true }));
  return apiError;
}

/** What to tell the user: the kind of failure decides the words and whether retrying can help. */
export function errorText(t: Strings, error: ApiError): string {
  if (error.code === 'NETWORK') return navigator.onLine === false ? t.errorOffline : t.errorServer;
  if (error.code.startsWith('HOST_')) return t.errorHostIdentity;
  if (error.status === 401) return t.errorSession;
  if (error.status === 429) return format(t.errorRateLimited, { seconds: error.retryAfter ?? 30 });
  if (error.code === 'AGENT_FAILED' || error.code === 'AGENT_TIMEOUT') return t.errorAgent;
  if (error.status >= 500) return t.errorServer;
  return error.message || t.errorGeneric;
}
