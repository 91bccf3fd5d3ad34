import type { Conversation, Message } from './services/api-types.js';

/** Public events, all named `chat-widget:*`, bubbling and composed, fired on `<chat-widget>`. */
export interface ChatWidgetEventMap {
  /** The user opened the panel (launcher or keyboard). */
  'chat-widget:opened': CustomEvent<Record<string, never>>;
  /** The user closed the panel (close button or Escape). */
  'chat-widget:closed': CustomEvent<Record<string, never>>;
  /** Sign-in, sign-up or social sign-in succeeded; `session` when the panel first opens on a session kept from an earlier visit. */
  'chat-widget:signed-in': CustomEvent<{ user: WidgetUser; method: 'email' | 'sign-up' | 'social' | 'session' | 'guest' | 'host' }>;
  /** The user signed out, or the session expired (`reason`). */
  'chat-widget:signed-out': CustomEvent<{ reason: 'user' | 'expired' }>;
  /** The server stored a message the user sent. */
  'chat-widget:message-sent': CustomEvent<{ conversation: Conversation; message: Message }>;
  /** The agent's answer finished streaming (complete, with its sources). */
  'chat-widget:answer-received': CustomEvent<{ conversation: Conversation | null; message: Message }>;
  /** Something failed that the user was shown; `code` is the server's or NETWORK/SESSION_EXPIRED. */
  'chat-widget:error': CustomEvent<{ code: string; message: string; status: number }>;
}

/** Who is signed in, from the API token's claims (`id` is the token's `sub`). */
export interface WidgetUser {
  id: string;
  email: string;
  name: string;
  /** A guest (the server's AUTH_MODES has `guest`): no email or name; signing in keeps its conversations. */
  guest?: boolean;
}

export type ChatWidgetEventName = keyof ChatWidgetEventMap;
export type ChatWidgetEventDetail<K extends ChatWidgetEventName> = ChatWidgetEventMap[K] extends CustomEvent<infer D> ? D : never;
