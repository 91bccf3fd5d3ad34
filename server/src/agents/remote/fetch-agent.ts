import { AgentError } from '../agent-provider.js';

/** The longest error detail quoted from a remote agent, so a huge HTML error page stays out of the logs. */
const MAX_DETAIL = 200;

/**
 * POSTs JSON to a remote agent. A connection that cannot be made is AGENT_UNREACHABLE; an HTTP
 * error status is AGENT_FAILED, quoting the body's `error.message` or `message` when it has one.
 */
export async function postToAgent(url: string, body: unknown, init: { headers: Record<string, string>; signal: AbortSignal }): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: JSON.stringify(body),
      signal: init.signal,
    });
  } catch (error) {
    if (init.signal.aborted) throw error;
    const code = (error as { cause?: { code?: string } }).cause?.code;
    throw new AgentError('AGENT_UNREACHABLE', `The agent at ${new URL(url).origin} could not be reached${code ? ` (${code})` : ''}.`, { cause: error });
  }
  if (!response.ok) {
    const detail = await errorDetail(response);
    throw new AgentError('AGENT_FAILED', `The agent answered HTTP ${response.status}${detail ? `: ${detail}` : ''}.`);
  }
  return response;
}

async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'object' ? body.error?.message : (body.error ?? body.message);
    return typeof message === 'string' ? message.slice(0, MAX_DETAIL) : '';
  } catch {
    return '';
  }
}

/** Parses a JSON payload from an agent; anything unreadable is AGENT_BAD_RESPONSE. */
export function parseAgentJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AgentError('AGENT_BAD_RESPONSE', `The agent sent ${what} that is not JSON.`, { cause: error });
  }
}
