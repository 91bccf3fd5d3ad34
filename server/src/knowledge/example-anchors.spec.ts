import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { projectRoot } from '../common/project-root.js';
import { parseDocument } from './parse-document.js';

const site = join(projectRoot(), 'examples', 'docs-site');

describe('the example docs site (the demo knowledge base)', () => {
  it.each(readdirSync(site).filter((file) => file.endsWith('.html')))('%s: every section’s anchor is the id of its heading on the page', (file) => {
    const html = readFileSync(join(site, file), 'utf8');
    const headingIds = parse(html)
      .querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')
      .map((heading) => heading.getAttribute('id'));
    expect(headingIds.every(Boolean)).toBe(true);
    const anchors = parseDocument(file, html).sections.map((section) => section.anchor);
    expect(anchors.length).toBeGreaterThan(0);
    for (const anchor of anchors) expect(headingIds).toContain(anchor);
  });
});
