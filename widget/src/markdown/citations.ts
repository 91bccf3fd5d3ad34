/** A marker as the server leaves it in an answer: `[n]`, n 1-based into the answer's sources. */
const MARKER = /\[(\d{1,3})\]/g;

/**
 * Turns the `[n]` markers of rendered (already sanitized) answer HTML into citation buttons, named
 * by `labels[n - 1]` ("Source 1: Install"). Markers in code, in links, or with no such source stay
 * text. The buttons are built with DOM calls, so a title is an attribute value, never markup.
 */
export function addCitationButtons(root: DocumentFragment, labels: string[]): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!node.parentElement?.closest('code, pre, a') && /\[\d{1,3}\]/.test(node.data)) texts.push(node);
  }
  for (const text of texts) {
    const parts = text.data.split(MARKER);
    const pieces: Node[] = [];
    parts.forEach((part, i) => {
      const label = i % 2 ? labels[Number(part) - 1] : undefined;
      if (!label) {
        if (part) pieces.push(root.ownerDocument.createTextNode(i % 2 ? `[${part}]` : part));
        return;
      }
      const button = root.ownerDocument.createElement('button');
      button.type = 'button';
      button.className = 'cite';
      button.dataset.source = part;
      button.setAttribute('aria-label', label);
      button.textContent = part;
      pieces.push(button);
    });
    text.replaceWith(...pieces);
  }
}
