import { AgentError, type MessageSource } from './agent-provider.js';

const MAX_SOURCES = 20;

/**
 * Checks sources an outside agent sent: a list of `{ title, url, snippet?, quote?, score? }` with
 * http(s) URLs (a `javascript:` link would be a trap in every client that renders it). Over-long
 * text is clipped; anything else malformed is AGENT_BAD_RESPONSE. Whether a source is cited is
 * decided here, from the answer's markers, never taken from the agent.
 */
export function parseSources(value: unknown): MessageSource[] {
  if (!Array.isArray(value)) throw bad('sources must be a list');
  return value.slice(0, MAX_SOURCES).map((item, index) => {
    if (!item || typeof item !== 'object') throw bad(`source ${index} is not an object`);
    const { title, url, snippet = '', quote, score = 0 } = item as Record<string, unknown>;
    if (typeof title !== 'string' || typeof snippet !== 'string') throw bad(`source ${index}: title and snippet must be strings`);
    if (quote !== undefined && typeof quote !== 'string') throw bad(`source ${index}: quote must be a string`);
    if (typeof score !== 'number' || !Number.isFinite(score)) throw bad(`source ${index}: score must be a number`);
    if (typeof url !== 'string' || !isWebUrl(url) || url.length > 2048) throw bad(`source ${index}: url must be an http(s) URL`);
    return { title: clip(title, 300), url, snippet: clip(snippet, 1000), ...(quote ? { quote: clip(quote, 1000) } : {}), score };
  });
}

function isWebUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Clipped to `max` characters, without NUL (which PostgreSQL cannot store). */
function clip(text: string, max: number): string {
  const chars = [...text.replaceAll('\u0000', '')];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}

function bad(detail: string): AgentError {
  return new AgentError('AGENT_BAD_RESPONSE', `The agent sent unreadable sources: ${detail}.`);
}
