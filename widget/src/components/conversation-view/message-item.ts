import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { FeedbackController } from '../../controllers/feedback-controller.js';
import { format, type Strings } from '../../i18n/index.js';
import type { Message, Source } from '../../services/api-types.js';
import { markdownIfLoaded } from '../../markdown/lazy-markdown.js';
import { feedbackBar } from './feedback-view.js';
import { safeUrl } from './safe-url.js';

/**
 * One message: the user's as plain text, the assistant's as sanitized Markdown (its `[n]` markers
 * as citation buttons) with its sources and, once finished, thumbs to rate it.
 * `dir="auto"`: a message takes the direction of its own text, so an English answer in an Arabic
 * panel keeps its punctuation where it belongs.
 */
export function messageItem(message: Message, t: Strings, feedback?: FeedbackController) {
  const mine = message.role === 'user';
  // A local placeholder (`pending-…`) is not stored yet: nothing to rate.
  const rateable = !mine && feedback && message.status === 'complete' && !message.id.startsWith('pending-');
  return html`<li class="message ${mine ? 'user' : 'assistant'}" data-status=${message.status} data-message=${message.id}>
    <span class="sr-only">${mine ? t.you : t.assistant}:</span>
    ${mine
      ? html`<div class="bubble text" dir="auto">${message.content}</div>`
      : html`<div class="bubble markdown" dir="auto">
          ${message.content ? markdown(message, t) : message.status === 'streaming' ? html`<span class="muted">${t.thinking}</span>` : nothing}
          ${message.status === 'stopped' || message.status === 'interrupted' ? html`<p class="muted">${message.status === 'stopped' ? t.stopped : t.interrupted}</p>` : nothing}
        </div>`}
    ${message.sources.length ? sourceList(message.sources, t) : nothing}
    ${rateable ? feedbackBar(message, t, feedback) : nothing}
  </li>`;
}

/** A message written offline, waiting for the network, which the user may still take back. */
export function queuedItem(text: string, t: Strings, remove: () => void) {
  return html`<li class="message user queued">
    <span class="sr-only">${t.you}:</span>
    <div class="bubble text" dir="auto">${text}</div>
    <p class="muted">${t.waitingToSend} <button class="link" aria-label=${t.removeQueued} @click=${remove}>×</button></p>
  </li>`;
}

/** Sanitized Markdown, or the raw text (as text) for the moment before the renderer has loaded. */
function markdown(message: Message, t: Strings) {
  const citations = message.sources.map((source, i) => format(t.sourceLabel, { n: i + 1, title: source.title || source.url }));
  const rendered = markdownIfLoaded(message.id, message.content, message.status === 'streaming', citations);
  return rendered === null ? html`<p class="text">${message.content}</p>` : rendered.map((part) => unsafeHTML(part));
}

/** The cited sources, numbered as the answer's markers; the others below them as related reading. */
function sourceList(sources: Source[], t: Strings) {
  const anyCited = sources.some((source) => source.cited);
  // An answer without markers (stored before citations, or from an agent that writes none) lists all its sources as before.
  const cited = anyCited ? sources.filter((source) => source.cited) : sources;
  const related = anyCited ? sources.filter((source) => !source.cited) : [];
  return html`<section class="sources" aria-label=${t.sources}>
    <h3>${t.sources}</h3>
    <ol>
      ${cited.map((source) => sourceItem(source, sources.indexOf(source) + 1, anyCited))}
    </ol>
    ${related.length
      ? html`<h3>${t.relatedSources}</h3>
          <ul class="related">
            ${related.map((source) => sourceItem(source))}
          </ul>`
      : nothing}
  </section>`;
}

function sourceItem(source: Source, number?: number, cited = false) {
  const href = safeUrl(source.url);
  const title = source.title || source.url;
  return html`<li dir="auto" class=${cited ? 'cited' : ''} value=${number ?? nothing}>
    ${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${title}</a>` : html`<span>${title}</span>`}
    ${source.snippet ? html`<p class="muted">${source.snippet}</p>` : nothing}
  </li>`;
}
