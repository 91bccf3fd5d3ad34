/** A piece of a document under one heading: what the knowledge base stores and ranks. */
export interface Section {
  heading: string;
  content: string;
  /** The id of the innermost heading on the rendered page, for a `#anchor` link; '' before the first. */
  anchor: string;
}

/** Sections longer than this are cut at paragraph breaks, so a passage stays quotable. */
const MAX_SECTION_CHARS = 1500;

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
/** An explicit id after a heading, `## Install {#setup}` (kramdown, Pandoc; HTML headings' ids arrive so). */
const HEADING_ID = /\s*\{#([^\s}]+)\}$/;

/**
 * Splits Markdown into sections at ATX headings (`#` … `######`), ignoring `#` lines inside fenced
 * code. Returns the document's title (its first level-1 heading) and the non-empty sections; each
 * section's heading is the trail of headings above it ("Install › With npm").
 */
export function markdownSections(markdown: string): { title: string | undefined; sections: Section[] } {
  const lines = stripFrontMatter(markdown).replace(/\r\n?/g, '\n').split('\n');
  const trail: string[] = [];
  const sections: Section[] = [];
  const anchors = new HeadingAnchors();
  let anchor = '';
  let title: string | undefined;
  let body: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    const content = body.join('\n').trim();
    if (content) sections.push(...splitLongContent(content).map((part) => ({ heading: trail.filter(Boolean).join(' › '), content: part, anchor })));
    body = [];
  };
  for (const line of lines) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const mark = fenceMatch[1]!;
      if (fence === null) fence = mark;
      else if (mark[0] === fence[0] && mark.length >= fence.length) fence = null;
    }
    const heading = fence === null && !fenceMatch ? HEADING.exec(line) : null;
    if (!heading) {
      body.push(line);
      continue;
    }
    flush();
    const level = heading[1]!.length;
    const explicitId = HEADING_ID.exec(heading[2]!)?.[1];
    const text = plainHeading(heading[2]!.replace(HEADING_ID, ''));
    anchor = anchors.next(text, explicitId);
    if (level === 1 && title === undefined) title = text;
    trail.length = level - 1;
    trail[level - 1] = text;
  }
  flush();
  return { title, sections };
}

/**
 * Heading ids as GitHub (and most Markdown renderers) make them: lower case, punctuation dropped,
 * spaces as hyphens, and `-1`, `-2`… for repeats on one page; an explicit id is kept as written.
 */
export class HeadingAnchors {
  /** Each slug given, and for a base slug how many repeats it had. */
  private readonly seen = new Map<string, number>();

  next(text: string, explicitId?: string): string {
    if (explicitId) {
      this.seen.set(explicitId, 0);
      return explicitId;
    }
    const base = headingSlug(text);
    let slug = base;
    while (this.seen.has(slug)) {
      const repeats = this.seen.get(base)! + 1;
      this.seen.set(base, repeats);
      slug = `${base}-${repeats}`;
    }
    this.seen.set(slug, 0);
    return slug;
  }
}

/** GitHub's heading slug: letters, digits, spaces, `-` and `_` kept, the rest dropped. */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function stripFrontMatter(markdown: string): string {
  return markdown.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
}

/** Heading text without inline Markdown: `**x**`, `` `x` ``, `[x](url)`. */
function plainHeading(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .trim();
}

/** Cuts long content at blank lines outside code fences, keeping code blocks and tables whole. */
export function splitLongContent(content: string, maxChars = MAX_SECTION_CHARS): string[] {
  if (content.length <= maxChars) return [content];
  const parts: string[] = [];
  let part = '';
  for (const block of paragraphBlocks(content)) {
    if (part && part.length + block.length + 2 > maxChars) {
      parts.push(part);
      part = block;
    } else part = part ? `${part}\n\n${block}` : block;
  }
  if (part) parts.push(part);
  return parts;
}

/** The paragraphs of Markdown text (split at blank lines), a fenced code block counting as one. */
export function paragraphBlocks(content: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let inFence = false;
  for (const line of content.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence || line.trim() !== '') current.push(line);
    else if (current.length) {
      blocks.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length) blocks.push(current.join('\n'));
  return blocks;
}
