import { randomUUID } from 'node:crypto';
import { parseSse, signedInClient, type SignedInClient } from '../test/api-client.js';

export interface SendResult {
  status: number;
  /** The server confirmed the message was stored (200 JSON result, or a `conversation` event). */
  acknowledged: boolean;
  clientMessageId: string;
  conversationId?: string;
  code?: string;
  ms: number;
  /** No answer within the client timeout: what "hangs" would look like. */
  timedOut: boolean;
}

const CLIENT_TIMEOUT_MS = 15_000;

/** Sends one chat message as the widget does (JSON or SSE), with a fresh client message id. */
export async function sendMessage(baseUrl: string, jwt: string, message: string, options: { conversationId?: string; stream?: boolean } = {}): Promise<SendResult> {
  const clientMessageId = randomUUID();
  const path = options.conversationId ? `/conversations/${options.conversationId}/messages` : '/agents/run';
  const started = performance.now();
  const base = { clientMessageId, acknowledged: false, timedOut: false };
  try {
    const response = await fetch(baseUrl + path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${jwt}`,
        'content-type': 'application/json',
        accept: options.stream ? 'text/event-stream' : 'application/json',
      },
      body: JSON.stringify({ message, clientMessageId }),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) {
      const code = safeJson(text)?.code as string | undefined;
      return { ...base, status: response.status, code, ms };
    }
    if (options.stream) {
      const events = parseSse(text);
      const opened = events.find((e) => e.event === 'conversation');
      const failed = events.find((e) => e.event === 'error');
      return { ...base, status: 200, acknowledged: Boolean(opened), conversationId: opened?.data.conversation.id, code: failed?.data.code, ms };
    }
    const body = safeJson(text);
    return { ...base, status: 200, acknowledged: Boolean(body?.userMessage?.id), conversationId: body?.conversation?.id, ms };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { ...base, status: 0, code: timedOut ? 'CLIENT_TIMEOUT' : 'NETWORK_ERROR', ms: performance.now() - started, timedOut };
  }
}

function safeJson(text: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any -- test code reads bodies freely
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Signs `count` users up (a few at a time: password hashing is deliberately slow). */
export async function signUpUsers(baseUrl: string, count: number): Promise<SignedInClient[]> {
  const clients: SignedInClient[] = [];
  while (clients.length < count) clients.push(...(await Promise.all(Array.from({ length: Math.min(5, count - clients.length) }, () => signedInClient(baseUrl)))));
  return clients;
}

/**
 * Signed-in users each sending messages back to back until `shouldStop()`: a new
 * conversation now and then, otherwise the same one; every third message streamed.
 */
export async function runLoad(baseUrl: string, clients: SignedInClient[], shouldStop: () => boolean, message = (n: number) => `load message ${n}`): Promise<SendResult[]> {
  const results: SendResult[] = [];
  await Promise.all(
    clients.map(async (client) => {
      let conversationId: string | undefined;
      for (let n = 0; !shouldStop(); n++) {
        const result = await sendMessage(baseUrl, client.jwt, message(n), { conversationId: n % 5 === 0 ? undefined : conversationId, stream: n % 3 === 2 });
        results.push(result);
        if (result.acknowledged && result.conversationId) conversationId = result.conversationId;
        // Back off briefly after a refusal, as the widget does, instead of spinning.
        if (result.status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
    }),
  );
  return results;
}
