import { format, type Strings } from '../i18n/index.js';
import { ApiClient } from './api-client.js';
import { ApiError } from './api-error.js';

/** Why the widget cannot work on this page at all: mistakes in the embedding, not in a chat. */
export type SetupProblem =
  /** The server answers, but its ALLOWED_ORIGINS does not list the page's origin (CORS would block every call). */
  | { kind: 'origin-refused'; server: string; origin: string }
  /** Something answers at `server`, but not a chat server (wrong or missing `server` attribute). */
  | { kind: 'no-server'; server: string }
  /** Nothing answers at `server` (down, wrong host, offline). */
  | { kind: 'unreachable'; server: string };

const noTokens = { token: () => Promise.reject(new Error('GET /config needs no token')) };

/**
 * Asks the server whether this page may use it. `GET /config` answers every origin (CORS `*`) and
 * says whether the page's own is allowed; the rest of the API stays silent to a refused origin,
 * which a browser cannot tell from a server that is down.
 */
export async function checkSetup(server: string): Promise<SetupProblem | null> {
  try {
    const config = await new ApiClient(server, noTokens).config();
    if (!Array.isArray(config?.providers)) return { kind: 'no-server', server };
    return config.originAllowed === false ? { kind: 'origin-refused', server, origin: location.origin } : null;
  } catch (error) {
    if (!(error instanceof ApiError)) return { kind: 'no-server', server }; // an answer, but not JSON
    return error.code === 'NETWORK' || error.status >= 500 ? { kind: 'unreachable', server } : { kind: 'no-server', server };
  }
}

/** What the panel shows, in the page's language. */
export function setupProblemText(t: Strings, problem: SetupProblem): string {
  if (problem.kind === 'origin-refused') return format(t.setupOriginRefused, problem);
  if (problem.kind === 'no-server') return format(t.setupNoServer, problem);
  return navigator.onLine === false ? t.errorOffline : format(t.setupUnreachable, problem);
}

const logged = new Set<string>();

/** Tells the site owner in the console, once per problem and page, what to change and where. */
export function logSetupProblem(problem: SetupProblem): void {
  const line =
    problem.kind === 'origin-refused'
      ? `<chat-widget>: the chat server ${problem.server} refuses pages on ${problem.origin}. Add ${problem.origin} to ALLOWED_ORIGINS in the server's environment (comma-separated; see docs/configuration.md) and restart it.`
      : problem.kind === 'no-server'
        ? `<chat-widget>: no chat server answers at ${problem.server} (GET ${problem.server}/config is not the chat API). Set the element's server attribute to the chat server's URL: <chat-widget server="https://…">.`
        : `<chat-widget>: the chat server ${problem.server} is not reachable (GET ${problem.server}/config failed). Check the element's server attribute and that the server is running.`;
  if (logged.has(line)) return;
  logged.add(line);
  console.error(line);
}
