import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadMarkdown, markdownIfLoaded } from '../src/markdown/lazy-markdown.js';

const answer = ['# Title', 'A paragraph with **bold** text.', '```\ncode\n\nmore code after a blank line\n```', '- one\n- two', 'The end.'].join('\n\n');

/** The streamed HTML of `content`, parts joined, as the browser would lay them out. */
const html = (parts: string[] | null) => {
  const container = document.createElement('div');
  container.innerHTML = parts!.join('');
  return container.innerHTML;
};

describe('Markdown of messages', () => {
  beforeAll(() => loadMarkdown());

  it('renders a streaming answer, token by token, into the same HTML as the finished answer', () => {
    const tokens = answer.match(/\S+\s*/g)!;
    let streamed = '';
    let parts: string[] | null = null;
    for (const token of tokens) {
      streamed += token;
      parts = markdownIfLoaded('streamed', streamed, true);
    }
    expect(html(parts)).toBe(html(markdownIfLoaded('finished', answer)));
    // The code block's blank line did not split it: one <pre>, its text whole.
    expect(html(parts).match(/<pre>/g)).toHaveLength(1);
    expect(html(parts)).toContain('more code after a blank line');
  });

  it('keeps the HTML of finished blocks while the last one is written', () => {
    const first = markdownIfLoaded('growing', 'First paragraph.\n\nSecond', true)!;
    const second = markdownIfLoaded('growing', 'First paragraph.\n\nSecond paragraph', true)!;
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toContain('Second paragraph');
  });

  it('renders a message again when its content changed, and not otherwise', () => {
    const before = markdownIfLoaded('edited', 'one')!;
    expect(markdownIfLoaded('edited', 'one')![0]).toBe(before[0]);
    expect(markdownIfLoaded('edited', 'two')![0]).toContain('two');
  });
});
