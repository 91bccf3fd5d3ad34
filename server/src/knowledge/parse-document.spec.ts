import { describe, expect, it } from '@jest/globals';
import { parseDocument } from './parse-document.js';

describe('parseDocument', () => {
  it('splits Markdown at headings, with the trail of headings above each section', () => {
    const parsed = parseDocument(
      'guide.md',
      ['---', 'layout: doc', '---', '# Embedding guide', 'Intro text.', '', '## Install', 'Run npm.', '', '### With a CDN', 'Add the script tag.', '', '## Theming', 'Use CSS custom properties.'].join('\n'),
    );
    expect(parsed.title).toBe('Embedding guide');
    expect(parsed.sections).toEqual([
      { heading: 'Embedding guide', content: 'Intro text.', anchor: 'embedding-guide' },
      { heading: 'Embedding guide › Install', content: 'Run npm.', anchor: 'install' },
      { heading: 'Embedding guide › Install › With a CDN', content: 'Add the script tag.', anchor: 'with-a-cdn' },
      { heading: 'Embedding guide › Theming', content: 'Use CSS custom properties.', anchor: 'theming' },
    ]);
  });

  it('leaves `#` lines inside fenced code alone, and keeps code blocks whole', () => {
    const code = ['```sh', '# not a heading', 'npm ci', '```'].join('\n');
    const parsed = parseDocument('x.md', `# Setup\n\n${code}\n\nDone.`);
    expect(parsed.sections).toEqual([{ heading: 'Setup', content: `${code}\n\nDone.`, anchor: 'setup' }]);
  });

  it('cuts long sections at paragraph breaks, never inside a code block', () => {
    const paragraph = 'word '.repeat(100).trim();
    const code = ['```', ...Array(60).fill('line of code'), '```'].join('\n');
    const parsed = parseDocument('long.md', `# Long\n\n${[paragraph, paragraph, code, paragraph, paragraph].join('\n\n')}`);
    expect(parsed.sections.length).toBeGreaterThan(1);
    expect(parsed.sections.every((s) => (s.content.match(/```/g) ?? []).length % 2 === 0)).toBe(true);
    expect(parsed.sections.map((s) => s.content).join('\n\n')).toBe([paragraph, paragraph, code, paragraph, paragraph].join('\n\n'));
  });

  it('reads only the main content of an HTML page: no navigation, header, footer or tags left', () => {
    const html = `<!doctype html><html><head><title>API &amp; errors</title><style>p{color:red}</style></head><body>
      <header><nav><a href="/">Home</a> <a href="/docs">Docs</a></nav></header>
      <main>
        <h1>Errors</h1>
        <p>Every error is <strong>JSON</strong> &mdash; see <a href="/codes">codes</a>.</p>
        <h2>Example</h2>
        <pre><code class="language-json">{ "statusCode": 404, "code": "NOT_FOUND" }
&lt;b&gt;not a tag&lt;/b&gt;</code></pre>
        <table><tr><th>status</th><th>code</th></tr><tr><td>404</td><td><code>NOT_FOUND</code></td></tr></table>
        <script>alert(1)</script>
      </main>
      <footer>© Example Inc. All rights reserved.</footer>
    </body></html>`;
    const parsed = parseDocument('errors.html', html);
    expect(parsed.title).toBe('API & errors');
    expect(parsed.sections).toEqual([
      { heading: 'Errors', content: 'Every error is **JSON** — see codes.', anchor: 'errors' },
      {
        heading: 'Errors › Example',
        anchor: 'example',
        content: ['```json', '{ "statusCode": 404, "code": "NOT_FOUND" }', '<b>not a tag</b>', '```', '', '| status | code |', '| --- | --- |', '| 404 | `NOT_FOUND` |'].join('\n'),
      },
    ]);
    const text = JSON.stringify(parsed);
    for (const leftover of ['Home', 'rights reserved', 'alert', 'color:red', '&amp;', '<strong>', '<td>']) expect(text).not.toContain(leftover);
  });

  it('uses the article when a page has no main, and the body when it has neither', () => {
    const article = '<body><header>Site banner</header><nav>Menu</nav><article><header><h1>Post</h1></header><p>Body.</p><footer>Tags</footer></article></body>';
    expect(parseDocument('a.html', article).sections).toEqual([{ heading: 'Post', content: 'Body.', anchor: 'post' }]);
    expect(parseDocument('b.html', '<body><header>Banner</header><p>Just text.</p></body>')).toEqual({ title: 'b', sections: [{ heading: '', content: 'Just text.', anchor: '' }] });
  });

  it('takes plain text as untitled paragraphs named after the file, `#` lines included', () => {
    expect(parseDocument('notes/faq.txt', '# not a heading\r\nQ: why?\r\n\r\nA: because.')).toEqual({
      title: 'faq',
      sections: [{ heading: '', content: '# not a heading\nQ: why?\n\nA: because.', anchor: '' }],
    });
  });

  it('gives each section the id of its heading, as the page renders it', () => {
    const markdown = ['# API & Errors', 'a', '## Install', 'b', '## Install', 'c', '## Install {#setup}', 'd', '## Été 2.0 — `new`!', 'e'].join('\n');
    expect(parseDocument('x.md', markdown).sections.map((s) => [s.heading.split(' › ').at(-1), s.anchor])).toEqual([
      ['API & Errors', 'api--errors'],
      ['Install', 'install'],
      ['Install', 'install-1'],
      ['Install', 'setup'],
      ['Été 2.0 — new!', 'été-20--new'],
    ]);
    const html = '<main><h1 id="top">Guide</h1><p>a</p><h2 id="add-a-check">Add your first check</h2><p>b</p><h2>No id</h2><p>c</p></main>';
    expect(parseDocument('x.html', html).sections.map((s) => [s.heading, s.anchor])).toEqual([
      ['Guide', 'top'],
      ['Guide › Add your first check', 'add-a-check'],
      ['Guide › No id', 'no-id'],
    ]);
  });
});
