import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { addCitationButtons } from './citations.js';

/**
 * Agent answers and retrieved snippets are untrusted. Two layers keep them inert:
 * 1. marked prints raw HTML as text and images as plain links (no request to a third party);
 * 2. DOMPurify keeps only the tags Markdown produces, drops every attribute but href/title/start,
 *    and only http(s)/mailto links survive; links open in a new tab without `opener`.
 */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ href, text }) => `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`,
  },
});

const purifier = DOMPurify(window);
const ALLOWED_TAGS = ['a', 'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title', 'start'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
};

/**
 * Markdown → sanitized HTML, safe for `unsafeHTML`. With `citations` (one accessible name per
 * source), the answer's `[n]` markers become citation buttons, added after sanitizing.
 */
export function renderMarkdown(markdown: string, citations: string[] = []): string {
  const html = marked.parse(markdown, { async: false });
  if (!citations.length) return purifier.sanitize(html, config);
  const fragment = purifier.sanitize(html, { ...config, RETURN_DOM_FRAGMENT: true });
  addCitationButtons(fragment, citations);
  const container = document.createElement('div');
  container.append(fragment);
  return container.innerHTML;
}
