import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Strings } from '../../i18n/index.js';
import type { Message, Source } from '../../services/api-types.js';
import { markdownIfLoaded } from '../../markdown/lazy-markdown.js';
import { safeUrl } from './safe-url.js';

/**
 * One message: the user's as plain text, the assistant's as sanitized Markdown with its sources.
 * `dir="auto"`: a message takes the direction of its own text, so an English answer in an Arabic
 * panel keeps its punctuation where it belongs.
 */
export function messageItem(message: Message, t: Strings) {
  const mine = message.role === 'user';
  return html`<li class="message ${mine ? 'user' : 'assistant'}" data-status=${message.status}>
    <span class="sr-only">${mine ? t.you : t.assistant}:</span>
    ${mine
      ? html`<div class="bubble text" dir="auto">${message.content}</div>`
      : html`<div class="bubble markdown" dir="auto">
          ${message.content ? markdown(message) : message.status === 'streaming' ? html`<span class="muted">${t.thinking}</span>` : nothing}
          ${message.status === 'interrupted' || message.status === 'stopped' ? html`<p class="muted">${t.stopped}</p>` : nothing}
        </div>`}
    ${message.sources.length ? sourceList(message.sources, t) : nothing}
  </li>`;
}

/** Sanitized Markdown, or the raw text (as text) for the moment before the renderer has loaded. */
function markdown(message: Message) {
  const rendered = markdownIfLoaded(message.id, message.content, message.status === 'streaming');
  return rendered === null ? html`<p class="text">${message.content}</p>` : rendered.map((part) => unsafeHTML(part));
}

function sourceList(sources: Source[], t: Strings) {
  return html`<section class="sources" aria-label=${t.sources}>
    <h3>${t.sources}</h3>
    <ol>
      ${sources.map((source) => {
        const href = safeUrl(source.url);
        const title = source.title || source.url;
        return html`<li dir="auto">
          ${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${title}</a>` : html`<span>${title}</span>`}
          ${source.snippet ? html`<p class="muted">${source.snippet}</p>` : nothing}
        </li>`;
      })}
    </ol>
  </section>`;
}
