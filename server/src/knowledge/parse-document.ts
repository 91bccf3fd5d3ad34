import { basename, extname } from 'node:path';
import { htmlToMarkdown } from './html-to-markdown.js';
import { splitLongContent, markdownSections, type Section } from './markdown-sections.js';

export const INGESTIBLE_EXTENSIONS = new Set(['.md', '.markdown', '.html', '.htm', '.txt']);

export interface ParsedDocument {
  title: string;
  sections: Section[];
}

/**
 * A file's title and sections, by its extension: Markdown as is, HTML through its main content,
 * plain text as one untitled run of paragraphs (no `#` line in a .txt is taken for a heading).
 */
export function parseDocument(fileName: string, text: string): ParsedDocument {
  const extension = extname(fileName).toLowerCase();
  const fallbackTitle = basename(fileName, extname(fileName));
  if (extension === '.html' || extension === '.htm') {
    const { title, markdown } = htmlToMarkdown(text);
    const parsed = markdownSections(markdown);
    return { title: clip(title ?? parsed.title ?? fallbackTitle), sections: parsed.sections };
  }
  if (extension === '.txt') {
    const content = text.replace(/\r\n?/g, '\n').trim();
    return { title: clip(fallbackTitle), sections: content ? splitLongContent(content).map((part) => ({ heading: '', content: part, anchor: '' })) : [] };
  }
  const parsed = markdownSections(text);
  return { title: clip(parsed.title ?? fallbackTitle), sections: parsed.sections };
}

/** Titles fit the column (300 characters). */
function clip(title: string): string {
  const chars = [...title.trim()];
  return chars.length > 300 ? chars.slice(0, 299).join('') + '…' : chars.join('') || 'Untitled';
}
