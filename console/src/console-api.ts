import type { components } from '../../widget/src/services/api-contract.generated.js';

export type Schemas = components['schemas'];

/** The console's range filter: inclusive UTC days. */
export interface DayRange {
  from: string;
  to: string;
}

/** A refusal from the API, with its stable code (`FORBIDDEN`, `TOKEN_EXPIRED`, …). */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SESSION_KEY = 'chat-console.session';
const AUTH = '/api/auth';

/**
 * Signs in with Better Auth (email + password) on the server's own origin and calls the console
 * API with a short-lived JWT, as the widget does: the session token stays in this tab
 * (sessionStorage), the JWT in memory, fetched again when it expires.
 */
export class ConsoleApi {
  private jwt: string | undefined;

  get signedIn(): boolean {
    return sessionStorage.getItem(SESSION_KEY) !== null;
  }

  async signIn(email: string, password: string): Promise<void> {
    const response = await fetch(`${AUTH}/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw await apiError(response);
    const session = response.headers.get('set-auth-token');
    if (!session) throw new ConsoleApiError(500, 'NO_SESSION', 'The server signed you in but returned no session.');
    sessionStorage.setItem(SESSION_KEY, session);
    this.jwt = undefined;
  }

  async signOut(): Promise<void> {
    const session = sessionStorage.getItem(SESSION_KEY);
    sessionStorage.removeItem(SESSION_KEY);
    this.jwt = undefined;
    if (session) await fetch(`${AUTH}/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${session}` } }).catch(() => undefined);
  }

  /** GET a console route as JSON. */
  async get<T>(path: string): Promise<T> {
    return (await this.request(path)).json() as Promise<T>;
  }

  /** GET a list as CSV and hand it to the browser as a download (a link cannot carry the bearer token). */
  async download(path: string): Promise<void> {
    const response = await this.request(path);
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export.csv';
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async request(path: string, retried = false): Promise<Response> {
    const response = await fetch(path, { headers: { authorization: `Bearer ${await this.token()}` } });
    if (response.ok) return response;
    const error = await apiError(response);
    // An expired JWT: fetch a new one once (the session lasts days, the JWT minutes).
    if (error.status === 401 && !retried && sessionStorage.getItem(SESSION_KEY)) {
      this.jwt = undefined;
      return this.request(path, true);
    }
    throw error;
  }

  private async token(): Promise<string> {
    if (this.jwt) return this.jwt;
    const session = sessionStorage.getItem(SESSION_KEY);
    if (!session) throw new ConsoleApiError(401, 'SIGNED_OUT', 'Sign in first.');
    const response = await fetch(`${AUTH}/token`, { headers: { authorization: `Bearer ${session}` } });
    if (!response.ok) {
      sessionStorage.removeItem(SESSION_KEY);
      throw new ConsoleApiError(401, 'SESSION_ENDED', 'Your session has ended; sign in again.');
    }
    this.jwt = ((await response.json()) as { token: string }).token;
    return this.jwt;
  }
}

async function apiError(response: Response): Promise<ConsoleApiError> {
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  return new ConsoleApiError(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? response.statusText);
}

/** `?from=…&to=…` for a panel route, plus `format=csv` for its export. */
export function rangeQuery(range: DayRange, csv = false): string {
  const query = new URLSearchParams({ from: range.from, to: range.to });
  if (csv) query.set('format', 'csv');
  return `?${query}`;
}

/** The last 30 days, today included (UTC). */
export function defaultRange(now = Date.now()): DayRange {
  const day = 86_400_000;
  const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { from: iso(now - 29 * day), to: iso(now) };
}
