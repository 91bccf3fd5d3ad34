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

/** Sanitized HTML once the renderer is here; null before (the caller shows plain text meanwhile). */
export function markdownIfLoaded(markdown: string): string | null {
  return renderer ? renderer.renderMarkdown(markdown) : null;
}
