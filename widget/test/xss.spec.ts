import { beforeAll, describe, expect, it } from '@jest/globals';
import { render } from 'lit';
import { awkwardStrings, corpus } from '../../server/test/corpora.js';
import { messageItem } from '../src/components/conversation-view/message-item.js';
import { resolveStrings } from '../src/i18n/index.js';
import { loadMarkdown } from '../src/markdown/lazy-markdown.js';
import { renderMarkdown } from '../src/markdown/render-markdown.js';
import { deepElements, mountSignedIn, waitFor } from './harness.js';
import { messageFixture } from './message-fixture.js';

const payloads = corpus('xss.txt');
const ALLOWED = new Set(['a', 'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

/** Everything that could run script, navigate to script, or fetch from another host. */
function dangers(root: ParentNode): string[] {
  const found: string[] = [];
  for (const element of deepElements(root)) {
    if (['script', 'iframe', 'object', 'embed', 'img', 'svg', 'math', 'style', 'link', 'meta', 'form', 'base'].includes(element.localName)) found.push(`<${element.localName}>`);
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.name.startsWith('on')) found.push(`${element.localName}[${attribute.name}]`);
      if (attribute.name === 'style') found.push(`${element.localName}[style]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(attribute.name) && !/^(https?:|mailto:|#)/i.test(attribute.value.trim())) {
        found.push(`${element.localName}[${attribute.name}=${attribute.value}]`);
      }
    }
  }
  return found;
}

const inContainer = (markup: string) => {
  const container = document.createElement('div');
  container.innerHTML = markup;
  return container;
};

const message = messageFixture;

describe('untrusted text is rendered inert', () => {
  // message-item renders through the lazily loaded Markdown chunk.
  beforeAll(() => loadMarkdown());

  it.each(payloads)('Markdown renderer: %s', (payload) => {
    const container = inContainer(renderMarkdown(payload));
    expect(dangers(container)).toEqual([]);
    for (const element of Array.from(container.querySelectorAll('*'))) expect(ALLOWED.has(element.localName)).toBe(true);
    for (const link of Array.from(container.querySelectorAll('a'))) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toContain('noopener');
    }
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it('keeps ordinary Markdown: emphasis, lists, code, tables, safe links', () => {
    const container = inContainer(renderMarkdown('# Title\n\n**bold** _it_ `code`\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n[docs](https://example.com/docs)\n\n<b>raw</b>'));
    expect(container.querySelector('h1')!.textContent).toBe('Title');
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect(container.querySelector('td')!.textContent).toBe('1');
    expect(container.querySelector('a')!.getAttribute('href')).toBe('https://example.com/docs');
    // Raw HTML in an answer is shown as text, not interpreted.
    expect(container.textContent).toContain('<b>raw</b>');
    expect(container.querySelector('b')).toBeNull();
  });

  it('source titles, URLs and snippets are text, and only http(s) URLs become links', () => {
    const t = resolveStrings('en');
    for (const payload of payloads) {
      const container = document.createElement('ul');
      const sources = [
        { title: payload, url: payload, snippet: payload, score: 1, cited: false },
        { title: 'ok', url: 'javascript:alert(1)', snippet: payload, score: 1, cited: false },
      ];
      render(messageItem(message({ content: payload, sources }), t), container);
      expect(dangers(container)).toEqual([]);
      const titles = Array.from(container.querySelectorAll('.sources li > :first-child')).map((e) => e.textContent);
      expect(titles[0]).toBe(payload);
      expect(container.querySelectorAll('.sources p')[0]!.textContent).toBe(payload);
    }
  });

  it('user messages keep every awkward string verbatim as text', () => {
    const t = resolveStrings('en');
    for (const text of [...payloads, ...awkwardStrings()]) {
      const container = document.createElement('ul');
      render(messageItem(message({ role: 'user', content: text }), t), container);
      expect(container.querySelector('.bubble')!.textContent).toBe(text);
      expect(dangers(container)).toEqual([]);
    }
  });

  it('conversation titles in the history list are text', async () => {
    const { page, client } = await mountSignedIn();
    const { body } = await client.post('/agents/run', { message: 'to be renamed' }).expect(200);
    const titles = payloads.filter((p) => p.length <= 200).slice(0, 12);
    const created = [body.conversation.id as string];
    for (let i = 1; i < titles.length; i++) created.push((await client.post('/agents/run', { message: `conversation ${i}` }).expect(200)).body.conversation.id);
    await Promise.all(created.map((id, i) => client.patch(`/conversations/${id}`, { title: titles[i]! }).expect(200)));
    await page.click('History');
    const history = await waitFor(() => page.inner('chat-widget-history'), 'the history');
    await waitFor(() => history.querySelectorAll('.title').length === titles.length, 'every conversation');
    const shown = Array.from(history.querySelectorAll('.title')).map((e) => e.textContent);
    expect(shown.sort()).toEqual(titles.map((t) => t.trim()).sort());
    for (const entry of Array.from(history.querySelectorAll('.entry'))) expect(dangers(entry)).toEqual([]);
  });

  it('an answer echoing every payload stays inert in the live widget', async () => {
    const { page } = await mountSignedIn();
    await page.type('Message', payloads.slice(0, 20).join('\n'));
    await page.click('Send');
    await waitFor(() => page.messages().at(-1)?.dataset.status === 'complete', 'the answer');
    // What the messages show (text, answers, sources): the widget's own icons and controls are not untrusted content.
    const shown = Array.from(page.inner('chat-widget-conversation')!.querySelectorAll('.log .bubble, .log .sources'));
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.flatMap((element) => dangers(element))).toEqual([]);
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });
});
