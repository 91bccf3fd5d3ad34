import type { PageContext } from '../../services/api-types.js';

/** The server's limits (server/src/conversations/dto/page-context.dto.ts): longer values are cut, not refused. */
const MAX_URL = 2048;
const MAX_TITLE = 300;

/**
 * What a message tells the agent about where it was sent from: the page's address and title
 * (unless the host opted out), and the host's own `context`. The query string and fragment are
 * left out: they can hold tokens (a password-reset link's, a session id) the agent has no need of.
 */
export function pageContext(sendPage: boolean, data: unknown): PageContext | undefined {
  // Anything else a host sets is its mistake; the server's validation answers it with a clear 400.
  const hasData = data !== undefined && data !== null && data !== '';
  if (!sendPage && !hasData) return undefined;
  return {
    ...(sendPage ? { url: `${location.origin}${location.pathname}`.slice(0, MAX_URL), title: document.title.trim().slice(0, MAX_TITLE) } : {}),
    ...(hasData ? { data: data as PageContext['data'] } : {}),
  };
}
