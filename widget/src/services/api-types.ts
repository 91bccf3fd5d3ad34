import type { components } from './api-contract.generated.js';

/**
 * The server's resources under the names the widget uses, from the contract generated out of the
 * server's OpenAPI document (npm run contract:generate; see docs/api.md).
 */
type Schemas = components['schemas'];

export type Conversation = Schemas['ConversationDto'];
export type Snippet = Schemas['SnippetDto'];
export type Source = Schemas['SourceDto'];
export type Message = Schemas['MessageDto'];
export type MessageStatus = Message['status'];
export type ConversationPage = Schemas['ConversationPageDto'];
export type ConversationWithMessages = Schemas['ConversationWithMessagesDto'];
export type SignInProvider = Schemas['SignInProviderDto'];
export type ClientConfig = Schemas['ClientConfigDto'];
export type SendMessageBody = Schemas['SendMessageDto'];
export type RenameConversationBody = Schemas['RenameConversationDto'];
export type MergeGuestBody = Schemas['MergeGuestDto'];
/** Where a message was sent from: the page's address and title, and the host's own `context`. */
export type PageContext = Schemas['PageContextDto'];
export type ErrorBody = Schemas['ErrorBodyDto'];
export type MessageFeedback = Schemas['MessageFeedbackDto'];
export type RateMessageBody = Schemas['RateMessageDto'];
export type FeedbackReason = NonNullable<RateMessageBody['reason']>;
/** An agent run: a server-side resource any tab of its user can follow, stop or continue. */
export type Run = Schemas['RunDto'];

/** One server-sent event of an agent run: the SSE event name and its parsed data. */
export type RunStreamEvent = Schemas['AgentRunStreamEvent'];

type AsRunEvent<Frame> = Frame extends { event: infer Type; data: infer Data } ? { type: Type } & Data : never;

/** Events of one agent run, in the order the server sends them: the event name as `type`, beside its data. */
export type RunEvent = AsRunEvent<RunStreamEvent>;
