import { LitElement, html } from 'lit';

/** Placeholder until the widget lands: proves the build and the static route. */
export class ChatWidget extends LitElement {
  override render() {
    return html`<p>chat-widget</p>`;
  }
}

if (!customElements.get('chat-widget')) customElements.define('chat-widget', ChatWidget);
