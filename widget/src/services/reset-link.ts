/**
 * Password reset without leaving the host page: the widget asks Better Auth to send the reset link
 * back to this very page, marked with RESET_MARKER; Better Auth's redirect adds `?token=` (or
 * `?error=` for a stale link), and the widget opens on the "set new password" form.
 */
const RESET_MARKER = 'chat-widget-reset';

export function resetRedirectUrl(): string {
  const url = new URL(location.href);
  url.searchParams.delete('token');
  url.searchParams.delete('error');
  url.searchParams.set(RESET_MARKER, '1');
  url.hash = '';
  return url.toString();
}

/**
 * The token when this page was opened from our reset link ('' for a stale link), else null.
 * The reset parameters leave the address bar at once: while they are there, every script on the host
 * page, its analytics and the browser history can read the token. From here on it lives only in memory.
 */
export function takeResetToken(): string | null {
  const params = new URLSearchParams(location.search);
  if (!params.has(RESET_MARKER) || !(params.has('token') || params.has('error'))) return null;
  forgetResetParams();
  return params.get('token') ?? '';
}

/** Removes the reset parameters without navigating; the host page's own parameters and hash stay. */
function forgetResetParams(): void {
  const url = new URL(location.href);
  for (const key of [RESET_MARKER, 'token', 'error']) url.searchParams.delete(key);
  history.replaceState(history.state, '', url);
}
