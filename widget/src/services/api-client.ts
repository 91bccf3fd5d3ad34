import { createParser } from 'eventsource-parser';
import { ApiError } from './api-error.js';
import type {
  ClientConfig,
  Conversation,
  ConversationPage,
  ConversationWithMessages,
  MessageFeedback,
  PageContext,
  RateMessageBody,
  RenameConversationBody,
  Run,
  RunEvent,
  SendMessageBody,
} from './api-types.js';

/** What the API client needs from sign-in: a current token, and a fresh one after a 401. */
export interface TokenSource {
  token(force?: boolean): Promise<string>;
}

/** One event of a run, with its SSE `id` (increasing within the run; 0 if the server sent none). */
export type RunEventHandler = (event: RunEvent, id: number) => void;

/** What the page tells the agent with a message (docs/embedding.md, "Page context"). */
export interface SendInput {
  message: string;
  conversationId?: string;
  clientMessageId: string;
  context?: PageContext;
}

/** The chat API over fetch: JSON errors become ApiError; a 401 gets one token refresh and one retry. */
export class ApiClient {
  constructor(
    private readonly server: string,
    private readonly tokens: TokenSource,
  ) {}

  async config(): Promise<ClientConfig> {
    return (await this.request('/config', {}, false)).json();
  }

  async listConversations(params: { q?: string; cursor?: string | null; limit?: number }): Promise<ConversationPage> {
    const query = new URLSearchParams({ limit: String(params.limit ?? 20) });
    if (params.q) query.set('q', params.q);
    if (params.cursor) query.set('cursor', params.cursor);
    return (await this.request(`/conversations?${query}`)).json();
  }

  async getConversation(id: string, cursor?: string | null, limit = 30): Promise<ConversationWithMessages> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return (await this.request(`/conversations/${encodeURIComponent(id)}?${query}`)).json();
  }

  async renameConversation(id: string, title: string): Promise<Conversation> {
    const body: RenameConversationBody = { title };
    return (await this.request(`/conversations/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify(body) })).json();
  }

  async deleteConversation(id: string): Promise<void> {
    await this.request(`/conversations/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  /** Sends a message and streams its run; resolves when the stream ends (or rejects with ApiError). */
  send(input: SendInput, onEvent: RunEventHandler, signal: AbortSignal): Promise<void> {
    const message: SendMessageBody = { message: input.message, clientMessageId: input.clientMessageId, context: input.context };
    const path = input.conversationId ? `/conversations/${encodeURIComponent(input.conversationId)}/messages` : '/agents/run';
    return this.stream(path, { method: 'POST', body: JSON.stringify(message) }, onEvent, signal);
  }

  /** Everything stored about the user, as the server's JSON file (`GET /users/me/export`). */
  async exportAccount(): Promise<Blob> {
    return (await this.request('/users/me/export')).blob();
  }

  /** Deletes the user's account and all its data (`DELETE /users/me`). */
  async deleteAccount(): Promise<void> {
    await this.request('/users/me', { method: 'DELETE' });
  }

  /** Rates an answer, replacing the user's earlier feedback on it. */
  async rateMessage(id: string, body: RateMessageBody): Promise<MessageFeedback> {
    return (await this.request(`/messages/${encodeURIComponent(id)}/feedback`, { method: 'PUT', body: JSON.stringify(body) })).json();
  }

  async clearFeedback(id: string): Promise<void> {
    await this.request(`/messages/${encodeURIComponent(id)}/feedback`, { method: 'DELETE' });
  }

  /** A run's events after `lastEventId` (0: from its start), then live until it ends. */
  followRun(runId: string, lastEventId: number, onEvent: RunEventHandler, signal: AbortSignal): Promise<void> {
    return this.stream(`/runs/${encodeURIComponent(runId)}/events`, lastEventId ? { headers: { 'last-event-id': String(lastEventId) } } : {}, onEvent, signal);
  }

  /** Stops a run for every tab that follows it (they get its final `done`); returns its final state. */
  async stopRun(runId: string): Promise<Run> {
    return (await this.request(`/runs/${encodeURIComponent(runId)}/stop`, { method: 'POST' })).json();
  }

  /** Has the agent go on from a stopped or interrupted answer: a new run, streamed into the same message. */
  continueRun(runId: string, onEvent: RunEventHandler, signal: AbortSignal): Promise<void> {
    return this.stream(`/runs/${encodeURIComponent(runId)}/continue`, { method: 'POST' }, onEvent, signal);
  }

  private async stream(path: string, init: RequestInit, onEvent: RunEventHandler, signal: AbortSignal): Promise<void> {
    const headers = new Headers(init.headers);
    headers.set('accept', 'text/event-stream');
    const response = await this.request(path, { ...init, headers, signal });
    const parser = createParser({
      onEvent: ({ id, event, data }) => onEvent({ type: event, ...JSON.parse(data) } as RunEvent, Number(id) || 0),
    });
    // No body (204): nothing more to tell, as for a finished run whose every event the client had.
    const reader = response.body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch (error) {
      throw ApiError.network(error);
    }
  }

  private async request(path: string, init: RequestInit = {}, authenticated = true, retried = false): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.body) headers.set('content-type', 'application/json');
    if (authenticated) headers.set('authorization', `Bearer ${await this.tokens.token(retried)}`);
    let response: Response;
    try {
      response = await fetch(this.server + path, { ...init, headers, credentials: 'omit' });
    } catch (error) {
      throw ApiError.network(error);
    }
    // The token may have been revoked or signed with a rotated key: refresh once, then give up.
    if (response.status === 401 && authenticated && !retried) return this.request(path, init, true, true);
    if (!response.ok) throw await ApiError.fromResponse(response);
    return response;
  }
}
