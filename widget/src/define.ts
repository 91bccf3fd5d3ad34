import { define } from './components/base/widget-element.js';
import { ChatWidget } from './components/chat-widget/chat-widget.component.js';
import type { ChatWidgetEventMap } from './events.js';

/** Registers `<chat-widget>` (or another tag); a second call, or a second copy of the script, is a no-op. */
export function defineChatWidget(tag = 'chat-widget'): void {
  define(tag, ChatWidget);
}

defineChatWidget();

export { ChatWidget };

declare global {
  interface HTMLElementTagNameMap {
    'chat-widget': ChatWidget;
  }
  // Typed listeners: el.addEventListener('chat-widget:message-sent', (e) => e.detail.message)
  interface HTMLElementEventMap extends ChatWidgetEventMap {}
}
