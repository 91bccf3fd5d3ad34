/**
 * marked and DOMPurify are more than half of the widget's weight and only answers need them: they
 * load in their own chunk when the first conversation view appears, not with the sign-in form.
 */
type Renderer = typeof import('./render-markdown.js');

let renderer: Renderer | null = null;
let loading: Promise<Renderer> | null = null;

export function loadMarkdown(): Promise<Renderer> {
  loading ??= import('./render-markdown.js').then(
    (module) => (renderer = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Rendered answers kept, so a render parses only what changed (the streaming answer). */
const MEMO_SIZE = 500;
const memo = new Map<string, { content: string; html: string }>();

/** The cached HTML of `key` if its content (and citations) are unchanged, else freshly rendered (and cached). */
function memoized(key: string, content: string, render: Renderer, citations: string[]): string {
  const kept = memo.get(key);
  const version = citations.length ? `${content}\u0000${citations.join('\u0000')}` : content;
  // Least recently used goes first: a hit moves to the end of the Map's insertion order.
  memo.delete(key);
  const html = kept?.content === version ? kept.html : render.renderMarkdown(content, citations);
  memo.set(key, { content: version, html });
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  return html;
}

/**
 * Where the finished blocks of a streaming answer end: its last blank line outside a code fence.
 * What comes before cannot change any more as tokens arrive (short of a reference-style link
 * defined later, which the final render, of the whole answer, picks up).
 */
function stableEnd(content: string): number {
  for (let at = content.lastIndexOf('\n\n'); at > 0; at = content.lastIndexOf('\n\n', at - 1)) {
    const fences = content.slice(0, at).match(/^\s*(```|~~~)/gm)?.length ?? 0;
    if (fences % 2 === 0) return at;
  }
  return 0;
}

/**
 * Sanitized HTML for message `id`, in parts, once the renderer is here, its markers as buttons named
 * by `citations`; null before (the caller shows plain
 * text meanwhile). Memoized by id and content: parsing and sanitizing every answer on screen for
 * every streamed token made streaming quadratic in the length of the conversation.
 */
export function markdownIfLoaded(id: string, content: string, streaming = false, citations: string[] = []): string[] | null {
  if (!renderer) return null;
  if (!streaming) return [memoized(id, content, renderer, citations)];
  // While streaming, only the block being written is parsed again for each token: the finished
  // blocks before it keep their HTML, and their DOM, as a part of their own (each part is
  // sanitized on its own).
  const end = stableEnd(content);
  return [memoized(`${id}:finished`, content.slice(0, end), renderer, citations), memoized(`${id}:tail`, content.slice(end), renderer, citations)];
}
