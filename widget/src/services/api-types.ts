/** The server's resources, as documented in docs/api.md. */
export interface Conversation {
  id: string;
  title: string;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
}

export interface Snippet {
  text: string;
  highlights: { start: number; end: number }[];
}

export interface Source {
  title: string;
  url: string;
  snippet: string;
  score: number;
}

export type MessageStatus = 'complete' | 'streaming' | 'error' | 'interrupted';

export interface Message {
  id: string;
  conversationId: string;
  role: 'user' | 'assistant' | 'system';
  content: string;
  sources: Source[];
  status: MessageStatus;
  errorCode: string | null;
  clientMessageId: string | null;
  createdAt: string;
}

export interface ConversationPage {
  items: (Conversation & { snippet?: Snippet })[];
  nextCursor: string | null;
}

export interface ConversationWithMessages {
  conversation: Conversation;
  messages: Message[];
  nextCursor: string | null;
}

export interface SignInProvider {
  id: string;
  name: string;
  type: 'social' | 'oidc';
}

export interface ClientConfig {
  providers: SignInProvider[];
  messageMaxLength: number;
  /** Whether the API accepts requests from the page's origin (the request's Origin header). */
  originAllowed: boolean;
}

/** Events of one agent run, in the order the server sends them. */
export type RunEvent =
  | { type: 'conversation'; conversation: Conversation; userMessage: Message; assistantMessageId: string }
  | { type: 'delta'; messageId: string; text: string }
  | { type: 'sources'; messageId: string; sources: Source[] }
  | { type: 'done'; message: Message }
  | { type: 'error'; messageId: string; code: string; message: string };
