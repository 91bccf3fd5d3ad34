import { LitElement } from 'lit';
import type { ChatWidgetEventDetail, ChatWidgetEventName } from '../../events.js';

/** Base of every element: a typed `emit` for the public events. */
export class WidgetElement extends LitElement {
  /** Fires a public event; composed, so it crosses the inner shadow roots and reaches `<chat-widget>`. */
  emit<K extends ChatWidgetEventName>(name: K, detail: ChatWidgetEventDetail<K>): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

export { define } from '../../launcher/define-element.js';
