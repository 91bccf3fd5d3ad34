/**
 * ES module entry for bundlers: the classes and types, without registering any tag.
 * Register with `import 'chat-widget-sdk/define'` (or `defineChatWidget()`), or subclass first.
 */
export { ChatWidget, type HostContext } from './launcher/chat-widget.js';
export { define } from './launcher/define-element.js';
export type { ChatWidgetEventMap, ChatWidgetEventName, ChatWidgetEventDetail, WidgetUser } from './events.js';
export type { Strings } from './i18n/index.js';
export type { StorageKind } from './services/storage.js';
export type { Conversation, Message, Source } from './services/api-types.js';
