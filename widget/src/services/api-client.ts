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
  RunEvent,
  SendMessageBody,
} from './api-types.js';

/** What the API client needs from sign-in: a current token, and a fresh one after a 401. */
export interface TokenSource {
  token(force?: boolean): Promise<string>;
}

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

  /** Stops a run (POST /runs/:id/stop): its partial answer is stored as `stopped`. */
  async stopRun(runId: string): Promise<void> {
    await this.request(`/runs/${encodeURIComponent(runId)}/stop`, { method: 'POST' });
  }

  /** Rates an answer, replacing the user's earlier feedback on it. */
  async rateMessage(id: string, body: RateMessageBody): Promise<MessageFeedback> {
    return (await this.request(`/messages/${encodeURIComponent(id)}/feedback`, { method: 'PUT', body: JSON.stringify(body) })).json();
  }

  async clearFeedback(id: string): Promise<void> {
    await this.request(`/messages/${encodeURIComponent(id)}/feedback`, { method: 'DELETE' });
  }

  /** Sends a message and streams the run; resolves when the stream ends (or rejects with ApiError). */
  async send(input: SendInput, onEvent: (event: RunEvent) => void, signal: AbortSignal): Promise<void> {
    const message: SendMessageBody = { message: input.message, clientMessageId: input.clientMessageId, context: input.context };
    const body = JSON.stringify(message);
    const path = input.conversationId ? `/conversations/${encodeURIComponent(input.conversationId)}/messages` : '/agents/run';
    const response = await this.request(path, { method: 'POST', body, headers: { accept: 'text/event-stream' }, signal });
    const parser = createParser({
      onEvent: ({ event, data }) => onEvent({ type: event, ...JSON.parse(data) } as RunEvent),
    });
    const reader = response.body!.getReader();
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
