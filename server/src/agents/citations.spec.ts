import { describe, expect, it } from '@jest/globals';
import type { AgentEvent, MessageSource } from './agent-provider.js';
import { CitationFilter, citedEvents, filterCitations } from './citations.js';

const source = (title: string): MessageSource => ({ title, url: `https://docs.example.com/${title}`, snippet: '', score: 1 });

async function collect(events: AgentEvent[]): Promise<AgentEvent[]> {
  const out: AgentEvent[] = [];
  for await (const event of citedEvents((async function* () { yield* events; })())) out.push(event);
  return out;
}

describe('citation markers', () => {
  it('keeps markers that point at a source and removes the others with the spaces before them', () => {
    expect(filterCitations('Install it [1]. Then run [2] it [3].', 2)).toEqual({ text: 'Install it [1]. Then run [2] it.', cited: new Set([1, 2]) });
    expect(filterCitations('Nothing [0] here [999].', 3).text).toBe('Nothing here.');
  });

  it('reads [[1]], [1][2] and [1, 2] as markers, written back plainly', () => {
    expect(filterCitations('A [[1]] B [1][2] C [1, 2, 7] D [[9]].', 2).text).toBe('A [1] B [1][2] C [1][2] D.');
    expect(filterCitations('[[1] x', 1).text).toBe('[[1] x');
  });

  it('leaves code, escapes and links alone', () => {
    const text = 'Use `list[1]` or ``a[9]`` [1].\n\n```js\nconst x = items[7];\n```\n\n~~~~\n[5]\n~~~~\n\\[8] and [1](https://x.example) [2]';
    expect(filterCitations(text, 1).text).toBe('Use `list[1]` or ``a[9]`` [1].\n\n```js\nconst x = items[7];\n```\n\n~~~~\n[5]\n~~~~\n\\[8] and [1](https://x.example)');
  });

  it('treats an unclosed code span as ending with its paragraph', () => {
    expect(filterCitations('a ` b [5]\n\nc [5] d', 1).text).toBe('a ` b [5]\n\nc d');
  });

  it('gives the same text however the answer is cut into deltas', () => {
    const text = 'See [1] and [12] and [1, 2].\n```\n[3]\n```\nAlso `x[4]` [2] end [';
    const whole = filterCitations(text, 2).text;
    for (let size = 1; size <= 5; size++) {
      const filter = new CitationFilter();
      filter.sourcesChanged(2);
      let streamed = '';
      for (let i = 0; i < text.length; i += size) streamed += filter.push(text.slice(i, i + size));
      expect(streamed + filter.end()).toBe(whole);
    }
    expect(whole).toBe('See [1] and and [1][2].\n```\n[3]\n```\nAlso `x[4]` [2] end [');
  });

  it('holds a delta that ends inside a marker until the marker closes', () => {
    const filter = new CitationFilter();
    filter.sourcesChanged(1);
    expect(filter.push('Install it [')).toBe('Install it');
    expect(filter.push('1')).toBe('');
    expect(filter.push('] now')).toBe(' [1] now');
  });

  it('holds markers streamed before the sources until they arrive', async () => {
    const events = await collect([
      { type: 'delta', text: 'First [1] then ' },
      { type: 'delta', text: 'second [2] and [3].' },
      { type: 'sources', sources: [source('a'), source('b')] },
    ]);
    expect(events).toEqual([
      { type: 'delta', text: 'First' },
      { type: 'delta', text: ' [1] then second [2] and.' },
      { type: 'sources', sources: [{ ...source('a'), cited: true }, { ...source('b'), cited: true }] },
    ]);
  });

  it('marks sources cited as the markers come, and sends them again when that changed', async () => {
    const events = await collect([
      { type: 'sources', sources: [source('a'), source('b')] },
      { type: 'delta', text: 'Answer [2].' },
    ]);
    expect(events).toEqual([
      { type: 'sources', sources: [{ ...source('a'), cited: false }, { ...source('b'), cited: false }] },
      { type: 'delta', text: 'Answer [2].' },
      { type: 'sources', sources: [{ ...source('a'), cited: false }, { ...source('b'), cited: true }] },
    ]);
  });

  it('removes every marker of an answer without sources', async () => {
    const events = await collect([{ type: 'delta', text: 'No sources [1].' }]);
    const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(text).toBe('No sources.');
    expect(events.at(-1)).toEqual({ type: 'sources', sources: [] });
  });
});
