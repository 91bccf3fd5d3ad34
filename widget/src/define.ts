import { ChatWidget } from './launcher/chat-widget.js';
import { define } from './launcher/define-element.js';
import type { ChatWidgetEventMap } from './events.js';

/**
 * Registers `<chat-widget>`; a second call, or a second copy of the script, is a no-op. For another
 * tag, register a subclass with `define('my-chat', class extends ChatWidget {})` from the main entry.
 */
export function defineChatWidget(): void {
  define('chat-widget', ChatWidget);
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
