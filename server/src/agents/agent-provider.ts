/**
 * A passage the agent cited: where it came from and how well it matched. Answers refer to their
 * sources with `[n]` markers, `n` being 1-based into the answer's list (see citations.ts).
 * Rows stored before citations existed have only title, url, snippet and score.
 */
export interface MessageSource {
  title: string;
  /** The page, with the `#anchor` of the passage's section when it has one. */
  url: string;
  snippet: string;
  score: number;
  /** The passage that supports the answer, as plain text, for a citation's tooltip. */
  quote?: string;
  /** The knowledge-base chunk and document it came from (sources of the built-in retrieval). */
  chunkId?: string;
  documentId?: string;
  /** Whether a `[n]` marker of the answer refers to it; uncited sources are "related". */
  cited?: boolean;
}

/** One earlier turn of the conversation, oldest first, as context for the agent. */
export interface AgentTurn {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * Where the user was when they sent the message, as the widget reports it: the page's address
 * (without query or fragment) and title, unless the site opted out, and the site's own `context`
 * (a string or a JSON object). Untrusted: it comes from the visitor's browser.
 */
export interface PageContext {
  url?: string;
  title?: string;
  data?: unknown;
}

export interface AgentRunInput {
  /** The user's new message. */
  message: string;
  /** Recent turns before it (bounded by the caller), oldest first. */
  history: AgentTurn[];
  /** Aborted when the client goes away or the run times out; providers must stop promptly. */
  signal: AbortSignal;
  /** Stable ids a remote agent may want for its own bookkeeping. */
  conversationId: string;
  userId: string;
  /** The page the message was sent from, when the widget sent one. */
  context?: PageContext;
  /**
   * The answer so far, when an interrupted or stopped answer is continued (POST /runs/:id/continue):
   * the provider goes on from its last character, without repeating it; its deltas are appended.
   */
  partialAnswer?: string;
}

/**
 * What a provider yields while it answers: deltas, and sources (each sources event replaces the
 * list so far). Send sources before the text that cites them, so its `[n]` markers stream live.
 */
export type AgentEvent = { type: 'delta'; text: string } | { type: 'sources'; sources: MessageSource[] };

/**
 * A pluggable agent, in the style of Better Auth plugins: a factory (`retrievalAgent(options)`)
 * returns a plain object that `satisfies AgentProvider`; the registry keys them by `id`.
 * Failures are thrown as AgentError so the pipeline can store a meaningful error code.
 */
export interface AgentProvider {
  readonly id: string;
  run(input: AgentRunInput): AsyncIterable<AgentEvent>;
}

export const AGENT_ERROR_CODES = {
  AGENT_FAILED: 'The agent failed to answer.',
  AGENT_TIMEOUT: 'The agent took too long to answer.',
  AGENT_BAD_RESPONSE: 'The agent answered in a form we could not read.',
  AGENT_UNREACHABLE: 'The agent could not be reached.',
} as const;

export type AgentErrorCode = keyof typeof AGENT_ERROR_CODES;

export class AgentError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    message: string = AGENT_ERROR_CODES[code],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AgentError';
  }
}
