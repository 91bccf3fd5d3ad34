/**
 * Social / OIDC sign-in in a popup, with the server's Better Auth `oauthPopup` plugin: the popup
 * runs the OAuth dance first-party on the server's origin, and its completion page posts the
 * session token back to us. The host page never navigates.
 *
 * We speak the plugin's protocol ourselves rather than use its client's `signIn.popup`: that one
 * keeps the token in its own storage key and never returns it, and we need it as our bearer token.
 */
import { AUTH_BASE_PATH } from './api-contract.generated.js';

const MESSAGE_TYPE = 'better-auth:oauth-popup';
const CLOSED_POLL_MS = 500;

export type PopupOutcome = { token: string } | { error: string };

export function signInWithPopup(server: string, provider: string, timeoutMs = 300_000): Promise<PopupOutcome> {
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const start = new URL(`${AUTH_BASE_PATH}/oauth-popup/start`, server);
  start.search = new URLSearchParams({ provider, popupOrigin: location.origin, popupNonce: nonce }).toString();
  const features = `width=500,height=600,left=${screenX + (outerWidth - 500) / 2},top=${screenY + (outerHeight - 600) / 2}`;
  const popup = window.open(start.toString(), 'chat-widget-sign-in', features);
  if (!popup) return Promise.resolve({ error: 'POPUP_BLOCKED' });
  const serverOrigin = new URL(server).origin;
  return new Promise((resolve) => {
    const settle = (outcome: PopupOutcome) => {
      window.removeEventListener('message', onMessage);
      clearInterval(poll);
      clearTimeout(timer);
      if (!popup.closed) popup.close();
      resolve(outcome);
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; nonce?: string; token?: string; error?: { code?: string } } | null;
      if (event.origin !== serverOrigin || data?.type !== MESSAGE_TYPE || data.nonce !== nonce) return;
      if (data.error) settle({ error: data.error.code ?? 'POPUP_SIGN_IN_FAILED' });
      else if (typeof data.token === 'string' && data.token) settle({ token: data.token });
    };
    // The completion page posts its message and closes itself at once, and the message can arrive
    // after we see the popup closed: closed counts only once it has stayed closed for a whole poll.
    let closedBefore = false;
    const poll = setInterval(() => {
      if (popup.closed && closedBefore) settle({ error: 'POPUP_CLOSED' });
      closedBefore = popup.closed;
    }, CLOSED_POLL_MS);
    const timer = setTimeout(() => settle({ error: 'POPUP_TIMEOUT' }), timeoutMs);
    window.addEventListener('message', onMessage);
  });
}
