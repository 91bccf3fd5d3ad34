import request from 'supertest';
import { fetchJwt, signInAsGuest, signUp, type TestUser } from './auth-helpers.js';

export interface SseEvent {
  event: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test code reads event payloads freely
}

/** Parses a complete text/event-stream body into its events. */
export function parseSse(body: string): SseEvent[] {
  return body
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => line && !line.startsWith(':')))
    .filter((lines) => lines.length > 0)
    .map((lines) => ({
      event: lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message',
      data: JSON.parse(lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n')),
    }));
}

/** A signed-up user with an API JWT, and request helpers that send it. */
export async function signedInClient(baseUrl: string) {
  const user: TestUser = await signUp(baseUrl);
  return { user, ...apiClient(baseUrl, await fetchJwt(baseUrl, user.sessionToken)) };
}

/** A guest (AUTH_MODES=guest), signed in as the widget does on its first send, with the same helpers. */
export async function guestClient(baseUrl: string) {
  const guest = await signInAsGuest(baseUrl);
  return { guest, ...apiClient(baseUrl, await fetchJwt(baseUrl, guest.sessionToken)) };
}

/** Request helpers that send `jwt` as the bearer token. */
export function apiClient(baseUrl: string, jwt: string) {
  const auth = (req: request.Test) => req.set('Authorization', `Bearer ${jwt}`);
  return {
    jwt,
    get: (path: string) => auth(request(baseUrl).get(path)),
    post: (path: string, body: object) => auth(request(baseUrl).post(path)).send(body),
    patch: (path: string, body: object) => auth(request(baseUrl).patch(path)).send(body),
    put: (path: string, body: object) => auth(request(baseUrl).put(path)).send(body),
    delete: (path: string) => auth(request(baseUrl).delete(path)),
    /** POST with Accept: text/event-stream; resolves with the parsed events once the stream ends. */
    stream: async (path: string, body: object) => {
      const response = await auth(request(baseUrl).post(path)).set('Accept', 'text/event-stream').send(body).buffer(true).parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
      return { status: response.status, headers: response.headers, events: parseSse(response.body as string) };
    },
  };
}

export type SignedInClient = Awaited<ReturnType<typeof signedInClient>>;
