import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';

/** Never content. */
const NOT_CONTENT = ['script', 'style', 'noscript', 'template', 'nav', 'footer', 'aside', 'svg', 'form', 'button', 'iframe', 'head'];
/** Inside <main> or <article> a <header> holds the title; around them it is the site's banner. */
const SKIPPED_IN_CONTENT = new Set(NOT_CONTENT);
const SKIPPED_IN_PAGE = new Set([...NOT_CONTENT, 'header']);
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'main', 'blockquote', 'ul', 'ol', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'details', 'summary', 'hr']);

/**
 * The readable content of an HTML page as Markdown: `<main>` (or `<article>`) when the page has one,
 * without navigation, headers and footers; headings as `#`, code blocks fenced, tables as pipe rows,
 * entities decoded and no tags left. The Markdown splitter then cuts it by headings.
 */
export function htmlToMarkdown(html: string): { title: string | undefined; markdown: string } {
  const root = parse(html, { comment: false, blockTextElements: { script: true, style: true, noscript: true } });
  const title = root.querySelector('title')?.text.trim() || undefined;
  const content = root.querySelector('main') ?? root.querySelector('article');
  const markdown = (content ? render(content, SKIPPED_IN_CONTENT) : render(root.querySelector('body') ?? root, SKIPPED_IN_PAGE))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { title, markdown };
}

function render(node: Node, skipped: Set<string>): string {
  if (node.nodeType === NodeType.TEXT_NODE) return node.text.replace(/\s+/g, ' ');
  if (node.nodeType !== NodeType.ELEMENT_NODE) return '';
  const element = node as HTMLElement;
  const tag = element.tagName?.toLowerCase() ?? '';
  if (skipped.has(tag)) return '';
  const inner = () => element.childNodes.map((child) => render(child, skipped)).join('');
  const heading = /^h([1-6])$/.exec(tag);
  if (heading) return `\n\n${'#'.repeat(Number(heading[1]))} ${inner().trim()}${headingId(element)}\n\n`;
  switch (tag) {
    case 'pre':
      return `\n\n${fence(element.text.replace(/^\n|\n$/g, ''), language(element))}\n\n`;
    case 'code':
      return inlineCode(element.text);
    case 'br':
      return '\n';
    case 'li':
      return `\n- ${inner().trim()}`;
    case 'table':
      return `\n\n${table(element, skipped)}\n\n`;
    case 'strong':
    case 'b':
      return `**${inner().trim()}**`;
    case 'em':
    case 'i':
      return `*${inner().trim()}*`;
    case 'img':
      return element.getAttribute('alt') ?? '';
    default:
      return BLOCKS.has(tag) ? `\n\n${inner()}\n\n` : inner();
  }
}

/** The heading's own id, as the `{#id}` the Markdown splitter reads, so citations link to it. */
function headingId(heading: HTMLElement): string {
  const id = heading.getAttribute('id')?.trim();
  return id && /^[^\s{}]+$/.test(id) ? ` {#${id}}` : '';
}

function language(pre: HTMLElement): string {
  const classes = `${pre.getAttribute('class') ?? ''} ${pre.querySelector('code')?.getAttribute('class') ?? ''}`;
  return /(?:language|lang)-([\w+-]+)/.exec(classes)?.[1] ?? '';
}

/** A fence longer than any backtick run in the code, so the code cannot close it. */
function fence(code: string, lang: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${lang}\n${code}\n${marks}`;
}

function inlineCode(text: string): string {
  const marks = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return text.startsWith('`') || text.endsWith('`') ? `${marks} ${text} ${marks}` : `${marks}${text}${marks}`;
}

function table(element: HTMLElement, skipped: Set<string>): string {
  const rows = element.querySelectorAll('tr').map((tr) =>
    tr.childNodes
      .filter((c): c is HTMLElement => c.nodeType === NodeType.ELEMENT_NODE && /^t[hd]$/i.test((c as HTMLElement).tagName))
      .map((cell) => render(cell, skipped).replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')),
  );
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${[...cells, ...Array(width - cells.length).fill('')].join(' | ')} |`;
  return [line(rows[0]!), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n');
}
