import { beforeAll, describe, expect, it } from '@jest/globals';
import { render } from 'lit';
import { corpus } from '../../server/test/corpora.js';
import { sourceQuote } from '../src/components/conversation-view/citation-popover.js';
import { messageItem } from '../src/components/conversation-view/message-item.js';
import { resolveStrings } from '../src/i18n/index.js';
import { loadMarkdown } from '../src/markdown/lazy-markdown.js';
import { renderMarkdown } from '../src/markdown/render-markdown.js';
import type { Message, Source } from '../src/services/api-types.js';
import { citedSource, citingMessage } from './agent-script.js';
import { deepElements, mountSignedIn, waitFor } from './harness.js';
import { messageFixture } from './message-fixture.js';

const payloads = corpus('xss.txt');
const t = resolveStrings('en');

const source = (title: string, cited: boolean): Source => ({ title, url: `https://docs.example.com/${encodeURIComponent(title)}#part`, snippet: `About ${title}`, score: 1, quote: `Quote of ${title}`, cited });
const answer = (content: string, sources: Source[]) => messageFixture({ id: 'a1', content, sources });
const rendered = (message: Message) => {
  const container = document.createElement('ul');
  render(messageItem(message, t), container);
  return container;
};
/** Elements or attributes that could run script or load from elsewhere. */
const dangers = (root: Element) =>
  deepElements(root).flatMap((e) => [
    ...(['script', 'img', 'svg', 'iframe', 'style', 'object', 'math', 'form'].includes(e.localName) ? [e.localName] : []),
    ...Array.from(e.attributes).flatMap((a) => (a.name.startsWith('on') ? [`${e.localName}[${a.name}]`] : [])),
  ]);

describe('citations', () => {
  beforeAll(() => loadMarkdown());

  it('renders valid markers as named citation buttons, leaving code, links and unknown numbers as text', () => {
    const container = rendered(answer('Install [1] then theme [2].\n\n`list[1]` and [1](https://x.example) and [3].\n\n```\n[2]\n```', [source('Install', true), source('Theme', true)]));
    const buttons = Array.from(container.querySelectorAll<HTMLButtonElement>('.markdown button.cite'));
    expect(buttons.map((b) => [b.textContent, b.getAttribute('aria-label'), b.type])).toEqual([
      ['1', 'Source 1: Install', 'button'],
      ['2', 'Source 2: Theme', 'button'],
    ]);
    expect(container.querySelector('code')!.textContent).toBe('list[1]');
    expect(container.querySelector('pre')!.textContent).toContain('[2]');
    expect(container.querySelector('.markdown')!.textContent).toContain('and [3].');
  });

  it('lists cited sources numbered as their markers, and the others as related', () => {
    const container = rendered(answer('Theme it [2].', [source('Install', false), source('Theme', true), source('Deploy', false)]));
    const cited = Array.from(container.querySelectorAll('.sources ol > li'));
    expect(cited.map((li) => [li.getAttribute('value'), li.className, li.querySelector('a')!.textContent])).toEqual([['2', 'cited', 'Theme']]);
    expect(Array.from(container.querySelectorAll('.sources h3')).map((h) => h.textContent)).toEqual(['Sources', 'Related']);
    expect(Array.from(container.querySelectorAll('.sources ul.related a')).map((a) => a.textContent)).toEqual(['Install', 'Deploy']);
  });

  it('lists every source as before for an answer without markers', () => {
    const container = rendered(answer('Old answer.', [{ title: 'Old', url: 'https://docs.example.com/old', snippet: '', score: 1, cited: false }]));
    expect(Array.from(container.querySelectorAll('.sources ol > li a')).map((a) => a.textContent)).toEqual(['Old']);
    expect(container.querySelector('.related')).toBeNull();
  });

  it('keeps hostile titles and quotes inert, in buttons’ names and in the popover', () => {
    for (const payload of payloads) {
      const container = document.createElement('div');
      container.innerHTML = renderMarkdown(`Claim [1].`, [`Source 1: ${payload}`]);
      expect(container.querySelector('button.cite')!.getAttribute('aria-label')).toBe(`Source 1: ${payload}`);
      expect(dangers(container)).toEqual([]);
      const popover = document.createElement('div');
      render(sourceQuote({ ...source(payload, true), quote: payload }), popover);
      expect(popover.querySelector('strong')!.textContent).toBe(payload);
      expect(popover.querySelector('p')!.textContent).toBe(payload);
      expect(dangers(popover)).toEqual([]);
    }
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it('in the live widget: a cited answer shows [1] as a button whose popover opens on focus and closes on Escape', async () => {
    const { page } = await mountSignedIn();
    await page.type('Message', citingMessage('citations'));
    await page.click('Send');
    const view = page.inner('chat-widget-conversation')!;
    const answer = await waitFor(() => page.messages().find((m) => m.classList.contains('assistant') && m.dataset.status === 'complete'), 'the answer');
    const buttons = Array.from(answer.querySelectorAll<HTMLButtonElement>('button.cite'));
    // CITED_ANSWER against one source: [1] four times; [2], [0], [99] gone; code untouched.
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(Array(4).fill(`Source 1: ${citedSource.title}`));
    expect(answer.querySelector('pre')!.textContent).toContain('<p>[7] stays</p>');
    expect(answer.querySelector('.markdown')!.textContent).not.toMatch(/\[(0|2|99)\]/);
    expect(answer.querySelector('.sources li.cited a')!.getAttribute('href')).toBe(citedSource.url);

    buttons[0]!.focus();
    buttons[0]!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    const popover = await waitFor(() => view.querySelector('[role=tooltip]'), 'the popover');
    expect(popover.querySelector('strong')!.textContent).toBe(citedSource.title);
    expect(popover.querySelector('p')!.textContent).toContain('Every topic');
    expect(buttons[0]!.getAttribute('aria-describedby')).toBe(popover.id);
    buttons[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitFor(() => !view.querySelector('[role=tooltip]'), 'the popover gone');
    expect(buttons[0]!.hasAttribute('aria-describedby')).toBe(false);
    // Escape closed the popover only: the chat is still open.
    expect(page.widget.hasAttribute('open') || page.inner('chat-widget-conversation')).toBeTruthy();
  });
});
